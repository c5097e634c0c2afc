/**
 * Check-in at the door: 16 doors (keep-alive HTTP connections, closed loop) scan 20,000
 * distinct tickets of one event as fast as they can, each request one `checkin.scan` of a
 * signed QR token, against the production server in its own process. Then every ticket must
 * be checked in exactly once (tickets, events.checked_in, booking_logs, a rescan of a sample
 * answered ALREADY_CHECKED_IN, and the invariant). Baseline in the same run, on the same
 * server process: `bookings.create` over the same 16 connections.
 * Run: pnpm bench:checkin (BENCH_TICKETS=5000 BENCH_SECONDS=5 for a short run).
 */
import { and, count, countDistinct, eq, isNotNull } from "drizzle-orm";
import { parseTicketSigningKey, signTicket } from "@boxoffice/auth";
import { bookingLogs, events, openDatabase, tickets } from "@boxoffice/db";
import { checkInvariant } from "@boxoffice/api/commands";
import {
  addBookings,
  addEvents,
  addUsers,
  createBenchDatabase,
  plainEvent,
} from "./lib/dataset.ts";
import { bookingRequest, closedLoop, type LoadRequest } from "./lib/http-load.ts";
import { benchDriver, benchTicketKey, startBoxoffice } from "./lib/processes.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed } from "./lib/stats.ts";

const TICKETS = Number(process.env.BENCH_TICKETS ?? 20_000);
const DOORS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const GUESTS = 500;

console.log(`checkin: ${TICKETS} tickets, ${DOORS} doors; baseline bookings for ${SECONDS} s`);
const data = await createBenchDatabase("checkin");
const [admin] = await addUsers(data.writer, 1, { prefix: "door", role: "admin" });
const guests = await addUsers(data.writer, GUESTS, { prefix: "guest" });
const [doorEvent, bookingEvent] = await addEvents(data.writer, admin?.id ?? 0, [
  plainEvent("Door event", TICKETS),
  plainEvent("Booking baseline", 10_000_000),
]);
if (!admin || !doorEvent || !bookingEvent) throw new Error("bench data missing");
await addBookings(data.writer, [doorEvent], guests, TICKETS);
const ticketRows = await data.database.db
  .select({ id: tickets.id, seat: tickets.seat })
  .from(tickets)
  .where(eq(tickets.eventId, doorEvent.id));
await data.close();

// The server signs with benchTicketKey too: these are the tokens its tickets would show.
const signer = parseTicketSigningKey(benchTicketKey);
const tokens = ticketRows.map((ticket) =>
  signTicket({ ticketId: ticket.id, eventId: doorEvent.id, seat: ticket.seat }, signer),
);
if (tokens.length !== TICKETS)
  throw new Error(`expected ${TICKETS} tickets, made ${tokens.length}`);

const scanRequest = (token: string): LoadRequest => ({
  method: "POST",
  path: "/trpc/checkin.scan",
  headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
  body: JSON.stringify({ eventId: doorEvent.id, token }),
});

const server = await startBoxoffice({ databaseUrl: data.url, profile: profiling });
let scans, rescans, bookingsRun;
try {
  scans = await closedLoop({
    url: server.url,
    connections: DOORS,
    seconds: 600,
    maxRequests: TICKETS,
    request: (n) => scanRequest(tokens[n] ?? ""),
  });
  console.log(`scans: ${fixed(scans.perSecond, 0)}/s`, scans.errorKinds);
  // A sample scanned again: every one must be refused as already checked in.
  const sample = tokens.filter((_, i) => i % 20 === 0);
  rescans = await closedLoop({
    url: server.url,
    connections: DOORS,
    seconds: 600,
    maxRequests: sample.length,
    request: (n) => scanRequest(sample[n] ?? ""),
    judge: (status, body) => status === 409 && body.includes("ALREADY_CHECKED_IN"),
  });
  const run = Date.now().toString(36);
  bookingsRun = await closedLoop({
    url: server.url,
    connections: DOORS,
    seconds: SECONDS,
    warmupSeconds: 1,
    request: (n) =>
      bookingRequest(guests[n % GUESTS]?.token ?? "", {
        eventId: bookingEvent.id,
        seats: 1,
        idempotencyKey: `${run}-${n}`,
      }),
  });
  console.log(`bookings: ${fixed(bookingsRun.perSecond, 0)}/s`);
} finally {
  await server.stop();
}

// Exactly once, read from the file the server wrote.
const check = await openDatabase({ url: data.url, driver: benchDriver });
const [ticketsIn] = await check.db
  .select({ n: count() })
  .from(tickets)
  .where(and(eq(tickets.eventId, doorEvent.id), isNotNull(tickets.checkedInAt)));
const [logged] = await check.db
  .select({ rows: count(), tickets: countDistinct(bookingLogs.ticketId) })
  .from(bookingLogs)
  .where(and(eq(bookingLogs.eventId, doorEvent.id), eq(bookingLogs.action, "checked_in")));
const [counter] = await check.db
  .select({ checkedIn: events.checkedIn })
  .from(events)
  .where(eq(events.id, doorEvent.id));
const violations = await checkInvariant(check.db);
await check.close();

const exactlyOnce =
  scans.ok === TICKETS &&
  ticketsIn?.n === TICKETS &&
  logged?.rows === TICKETS &&
  logged.tickets === TICKETS &&
  counter?.checkedIn === TICKETS &&
  rescans.ok === rescans.requests &&
  violations.length === 0;

const row = (
  what: string,
  r: { perSecond: number; p50: number; p99: number; max: number; requests: number; errors: number },
) => [
  what,
  fixed(r.perSecond, 0),
  fixed(r.p50, 2),
  fixed(r.p99, 2),
  fixed(r.max, 1),
  String(r.requests),
  String(r.errors),
];
record(
  "Check-in at the door (16 doors)",
  commandLine("bench:checkin"),
  [
    `${DOORS} keep-alive connections (doors), closed loop, each request one \`checkin.scan\` of a ` +
      `distinct signed QR token (Ed25519 verified by the server) until all ${TICKETS.toLocaleString("en")} ` +
      `tickets of one event were scanned; then a sample of ${rescans.requests} scanned again. ` +
      `Baseline on the same server process: \`bookings.create\` of 1 seat over the same ${DOORS} ` +
      `connections for ${SECONDS} s. Server: production build of apps/server in its own process, ` +
      `${benchDriver}, WAL, synchronous=FULL. ${machineNote()}.`,
    "",
    markdownTable(
      ["what", "per second", "p50 ms", "p99 ms", "max ms", "requests", "errors"],
      [
        row(`**checkin.scan, ${TICKETS.toLocaleString("en")} distinct tickets**`, scans),
        row("the same tickets again (each must be ALREADY_CHECKED_IN)", rescans),
        row("baseline: bookings.create over HTTP, same run", bookingsRun),
      ],
    ),
    "",
    `Every ticket checked in exactly once: **${exactlyOnce ? "yes" : "NO"}** ` +
      `(${ticketsIn?.n ?? 0} tickets in, events.checked_in ${counter?.checkedIn ?? 0}, ` +
      `${logged?.rows ?? 0} checked_in log rows for ${logged?.tickets ?? 0} distinct tickets, ` +
      `${rescans.ok}/${rescans.requests} rescans refused). Invariant: ` +
      `${violations.length === 0 ? "clean" : `${violations.length} violations`}.` +
      (scans.errors ? ` Scan errors by kind: \`${JSON.stringify(scans.errorKinds)}\`.` : ""),
    ...(server.profileDir
      ? ["", summarizeProfile(server.profileDir, { fromMs: server.readyAfterMs })]
      : []),
  ].join("\n"),
);
if (!exactlyOnce) {
  console.error(violations.slice(0, 10));
  process.exitCode = 1;
}
