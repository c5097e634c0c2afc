import { events, users, type Event, type NewEvent, type Writer } from "@boxoffice/db";

const hour = 3_600_000;

export async function addUser(writer: Writer, email: string, role: "user" | "admin" = "user") {
  const [user] = await writer.run((tx) =>
    tx
      .insert(users)
      .values({ email, name: email.split("@")[0] ?? email, passwordHash: "-", role })
      .returning(),
  );
  if (!user) throw new Error("no user row");
  return user;
}

/** An event starting tomorrow unless told otherwise; seats start at capacity. */
export async function addEvent(
  writer: Writer,
  createdBy: number,
  fields: Partial<NewEvent> & { capacity: number },
): Promise<Event> {
  const startsAt = fields.startsAt ?? Date.now() + 24 * hour;
  const [event] = await writer.run((tx) =>
    tx
      .insert(events)
      .values({
        title: "Test event",
        endsAt: startsAt + 2 * hour,
        availableSeats: fields.capacity,
        createdBy,
        ...fields,
        startsAt,
      })
      .returning(),
  );
  if (!event) throw new Error("no event row");
  return event;
}
