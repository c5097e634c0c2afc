/** A person's bookings of one event, in the order they came (newest first). */
export interface BookingGroup<Booking extends { event: { id: number } }> {
  event: Booking["event"];
  bookings: Booking[];
}

/**
 * One group per event, in the order each event first appears: "My bookings" pages newest
 * first, so the groups keep their places as more pages load (a later page's booking of an
 * event already shown joins that event's group).
 */
export function groupByEvent<Booking extends { event: { id: number } }>(
  bookings: readonly Booking[],
): BookingGroup<Booking>[] {
  const groups = new Map<number, BookingGroup<Booking>>();
  for (const booking of bookings) {
    const group = groups.get(booking.event.id);
    if (group) group.bookings.push(booking);
    else groups.set(booking.event.id, { event: booking.event, bookings: [booking] });
  }
  return [...groups.values()];
}
