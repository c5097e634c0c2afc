import { describe, expect, it } from "vitest";
import { groupByEvent } from "./booking-groups.ts";

const booking = (id: number, eventId: number) => ({ id, event: { id: eventId } });

describe("groupByEvent", () => {
  it("puts each event's bookings together, events in the order they first appear", () => {
    const groups = groupByEvent([booking(9, 2), booking(8, 5), booking(7, 2), booking(3, 1)]);
    expect(groups.map((g) => [g.event.id, g.bookings.map((b) => b.id)])).toEqual([
      [2, [9, 7]],
      [5, [8]],
      [1, [3]],
    ]);
  });

  it("adds a later page's booking to the group its event already has", () => {
    const firstPage = [booking(9, 2), booking(8, 5)];
    const both = groupByEvent([...firstPage, booking(4, 5), booking(2, 2)]);
    expect(both.map((g) => g.event.id)).toEqual(groupByEvent(firstPage).map((g) => g.event.id));
    expect(both.map((g) => g.bookings.length)).toEqual([2, 2]);
  });
});
