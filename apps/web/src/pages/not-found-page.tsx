import { A } from "@solidjs/router";
import { usePageTitle } from "../lib/page-title.ts";

export default function NotFoundPage() {
  usePageTitle(() => "Not found");
  return (
    <section class="empty" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>There is nothing at this address.</p>
      <A href="/" class="button">
        Browse events
      </A>
    </section>
  );
}
