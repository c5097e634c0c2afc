import { useQuery } from "@tanstack/solid-query";
import { api } from "../../lib/api.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { QueryView } from "../../components/query-states.tsx";

const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });

export default function AdminStatsPage() {
  usePageTitle(() => "Admin overview");
  const stats = useQuery(() => api.admin.stats.queryOptions());
  return (
    <QueryView query={stats} errorTitle="Statistics could not be loaded.">
      {(data) => (
        <dl class="stats">
          <div class="stat">
            <dt>Events</dt>
            <dd>{data().events.toLocaleString()}</dd>
            <p class="muted small">{data().upcomingEvents.toLocaleString()} upcoming</p>
          </div>
          <div class="stat">
            <dt>Seats sold</dt>
            <dd>{data().seatsSold.toLocaleString()}</dd>
            <p class="muted small">of {data().capacity.toLocaleString()} seats</p>
          </div>
          <div class="stat">
            <dt>Utilisation</dt>
            <dd>{percent.format(data().utilisation)}</dd>
            <meter min="0" max="1" value={data().utilisation} aria-label="Utilisation" />
          </div>
          <div class="stat">
            <dt>Bookings</dt>
            <dd>{data().confirmedBookings.toLocaleString()}</dd>
            <p class="muted small">{data().cancelledBookings.toLocaleString()} cancelled</p>
          </div>
          <div class="stat">
            <dt>Users</dt>
            <dd>{data().users.toLocaleString()}</dd>
          </div>
        </dl>
      )}
    </QueryView>
  );
}
