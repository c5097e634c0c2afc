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
        // Each figure is a term and its values: screen readers read them as pairs.
        <dl class="stats">
          <div class="stat">
            <dt>Events</dt>
            <dd class="stat-value">{data().events.toLocaleString()}</dd>
            <dd class="muted small">{data().upcomingEvents.toLocaleString()} upcoming</dd>
          </div>
          <div class="stat">
            <dt>Seats sold</dt>
            <dd class="stat-value">{data().seatsSold.toLocaleString()}</dd>
            <dd class="muted small">of {data().capacity.toLocaleString()} seats</dd>
          </div>
          <div class="stat">
            <dt>Utilisation</dt>
            <dd class="stat-value">{percent.format(data().utilisation)}</dd>
            <dd>
              <meter min="0" max="1" value={data().utilisation} aria-label="Utilisation" />
            </dd>
          </div>
          <div class="stat">
            <dt>Bookings</dt>
            <dd class="stat-value">{data().confirmedBookings.toLocaleString()}</dd>
            <dd class="muted small">{data().cancelledBookings.toLocaleString()} cancelled</dd>
          </div>
          <div class="stat">
            <dt>Users</dt>
            <dd class="stat-value">{data().users.toLocaleString()}</dd>
          </div>
        </dl>
      )}
    </QueryView>
  );
}
