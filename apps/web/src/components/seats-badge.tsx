import type { SeatStatus } from "./seat-status.ts";
import { seatStatusLabel } from "./seat-status.ts";

export function SeatsBadge(props: { status: SeatStatus }) {
  return (
    <span class={`badge badge-${props.status.kind}`} data-testid="seats">
      {seatStatusLabel(props.status)}
    </span>
  );
}
