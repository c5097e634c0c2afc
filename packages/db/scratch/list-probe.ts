import { buildCatalogue, searchTerms } from "../../../bench/lib/dataset.ts";
import { openDatabase } from "@boxoffice/db";
import { listEvents } from "../../api/src/queries/events.ts";
import Libsql from "libsql";
import { filePathOf } from "@boxoffice/db";

const cat = await buildCatalogue("probe", 10_000, 100_000);
await cat.close();
const db = await openDatabase({ url: cat.url });
const now = Date.now();
// warm
for (const s of searchTerms)
  await listEvents(db.db, { search: s, when: "upcoming", sort: "soonest", limit: 20, now });
const N = 200;
let t = process.cpuUsage();
for (let i = 0; i < N; i++)
  for (const s of searchTerms)
    await listEvents(db.db, { search: s, when: "upcoming", sort: "soonest", limit: 20, now });
let u = process.cpuUsage(t);
console.log("listEvents via drizzle, µs/call", (u.user + u.system) / (N * searchTerms.length));
// raw SQL on binding
const raw = new Libsql(filePathOf(cat.url), { readonly: true });
const stmt = raw.prepare(
  `SELECT * FROM events WHERE +id IN (SELECT rowid FROM events_search WHERE events_search MATCH ?) AND starts_at > ? ORDER BY starts_at, id LIMIT 21`,
);
for (const s of searchTerms) stmt.all(`"${s}"`, now);
t = process.cpuUsage();
for (let i = 0; i < N; i++) for (const s of searchTerms) stmt.all(`"${s}"`, now);
u = process.cpuUsage(t);
console.log("raw prepared, µs/call", (u.user + u.system) / (N * searchTerms.length));
stmt.raw(true);
t = process.cpuUsage();
for (let i = 0; i < N; i++) for (const s of searchTerms) stmt.all(`"${s}"`, now);
u = process.cpuUsage(t);
console.log("raw prepared raw rows, µs/call", (u.user + u.system) / (N * searchTerms.length));
const per: Record<string, number> = {};
for (const s of searchTerms) {
  const a = process.cpuUsage();
  for (let i = 0; i < N; i++) stmt.all(`"${s}"`, now);
  const b = process.cpuUsage(a);
  per[s] = Math.round((b.user + b.system) / N);
}
console.log(per);
const cnt = raw.prepare(`SELECT count(*) c FROM events_search WHERE events_search MATCH ?`);
console.log(
  Object.fromEntries(searchTerms.map((s) => [s, (cnt.get(`"${s}"`) as { c: number }).c])),
);
console.log(
  raw
    .prepare(
      `EXPLAIN QUERY PLAN SELECT * FROM events WHERE +id IN (SELECT rowid FROM events_search WHERE events_search MATCH ?) AND starts_at > ? ORDER BY starts_at, id LIMIT 21`,
    )
    .all(`"jazz"`, now),
);
await db.close();
