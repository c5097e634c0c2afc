import type { JSX } from "solid-js";
import { A } from "@solidjs/router";

export default function AdminLayout(props: { children?: JSX.Element }) {
  return (
    <section aria-labelledby="admin-heading" class="admin">
      <div class="page-header">
        <h1 id="admin-heading">Admin</h1>
      </div>
      <nav aria-label="Admin" class="tabs">
        <A href="/admin" end>
          Overview
        </A>
        <A href="/admin/events">Events</A>
        <A href="/admin/users">Users</A>
        <A href="/admin/audit">Audit log</A>
        <A href="/admin/emails">Emails</A>
      </nav>
      <div class="admin-body">{props.children}</div>
    </section>
  );
}
