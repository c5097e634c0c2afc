import { createTRPCClient, createWSClient, type TRPCClientError, wsLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { AppRouter, RouterOutputs } from "@boxoffice/api";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { startTestServer, type TestServer, type TestUser } from "../harness.ts";
import { eventually, liveClient } from "../support/live-client.ts";

type ApiError = TRPCClientError<AppRouter>;
type Me = RouterOutputs["auth"]["me"];

/** Every call over one WebSocket, as a client that keeps its socket open for hours would. */
function socketOnlyClient(url: string, token: string) {
  const wsClient = createWSClient({
    url: `${url.replace(/^http/, "ws")}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: { token },
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  let opened = 0;
  wsClient.connectionState.subscribe({
    next: (state) => {
      if (state.state === "pending") opened++;
    },
  });
  return { client, opened: () => opened, close: () => wsClient.close() };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as ApiError,
  );

describe("the session behind a WebSocket, operation by operation", () => {
  let server: TestServer;
  let admin: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.addUser("admin@session.test", "admin");
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("resolves the session for every call on an open socket, not once when it opened", async () => {
    const user = await server.addUser("user@session.test");
    const socket = socketOnlyClient(server.url, user.token);
    const asAdmin = liveClient(server.url, { token: admin.token });

    expect((await socket.client.auth.me.query())?.role).toBe("user");
    expect((await failure(socket.client.admin.stats.query()))?.data?.code).toBe("FORBIDDEN");

    await asAdmin.client.admin.users.promote.mutate({ userId: user.id });
    expect((await socket.client.auth.me.query())?.role).toBe("admin");
    expect(await failure(socket.client.admin.stats.query())).toBeNull();

    // Demotion signs the user out everywhere: the same socket now acts for nobody.
    await asAdmin.client.admin.users.demote.mutate({ userId: user.id });
    expect(await socket.client.auth.me.query()).toBeNull();
    expect((await failure(socket.client.bookings.mine.query({})))?.data?.code).toBe("UNAUTHORIZED");
    expect(socket.opened()).toBe(1);
    await socket.close();
    await asAdmin.close();
  });

  it("applies a sign-out elsewhere to the next call on the socket", async () => {
    const user = await server.addUser("signout@session.test");
    const socket = socketOnlyClient(server.url, user.token);
    const overHttp = liveClient(server.url, { token: user.token });
    expect((await socket.client.bookings.mine.query({})).items).toEqual([]);

    await overHttp.client.auth.logout.mutate();
    expect((await failure(socket.client.bookings.mine.query({})))?.data?.code).toBe("UNAUTHORIZED");
    expect(await socket.client.auth.me.query()).toBeNull();
    await socket.close();
    await overHttp.close();
  });

  it("auth.onSession sends who is signed in, then every role change, and ends at a demotion", async () => {
    const user = await server.addUser("watched@session.test");
    const watcher = liveClient(server.url, { token: user.token });
    const asAdmin = liveClient(server.url, { token: admin.token });
    const seen: Me[] = [];
    let completed = false;
    watcher.client.auth.onSession.subscribe(undefined, {
      onData: ({ user: current }) => seen.push(current),
      onComplete: () => (completed = true),
    });
    await eventually(() => seen.length === 1, "the current user");
    expect(seen[0]).toMatchObject({ id: user.id, role: "user" });

    // Someone else's role change is not this user's business.
    const other = await server.addUser("other@session.test");
    await asAdmin.client.admin.users.promote.mutate({ userId: other.id });
    await asAdmin.client.admin.users.promote.mutate({ userId: user.id });
    await eventually(() => seen.length === 2, "the promotion");
    expect(seen[1]).toMatchObject({ id: user.id, role: "admin" });

    await asAdmin.client.admin.users.demote.mutate({ userId: user.id });
    await eventually(() => completed, "the subscription to end after the demotion");
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBeNull();
    await watcher.close();
    await asAdmin.close();
  });

  it("auth.onSession answers null at once for an anonymous socket, and ends", async () => {
    const anonymous = liveClient(server.url);
    const seen: Me[] = [];
    let completed = false;
    anonymous.client.auth.onSession.subscribe(undefined, {
      onData: ({ user }) => seen.push(user),
      onComplete: () => (completed = true),
    });
    await eventually(() => completed, "the anonymous subscription to end");
    expect(seen).toEqual([null]);
    await anonymous.close();
  });

  it("ends onMine at the next change once a demotion has signed the holder out", async () => {
    const holder = await server.addUser("holder-admin@session.test", "admin");
    const { event } = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 9 })),
    );
    const mine = liveClient(server.url, { token: holder.token });
    const asAdmin = liveClient(server.url, { token: admin.token });
    const received: string[] = [];
    const errors: ApiError[] = [];
    let started = false;
    mine.client.bookings.onMine.subscribe(
      {},
      {
        onStarted: () => (started = true),
        onData: ({ data }) => received.push(data.action),
        onError: (error) => errors.push(error as ApiError),
      },
    );
    await eventually(() => started, "onMine");
    const { booking } = await mine.client.bookings.create.mutate({
      eventId: event.id,
      seats: 1,
      idempotencyKey: "demoted-holder-1",
    });
    await eventually(() => received.length === 1, "the holder's booking");
    await asAdmin.client.admin.users.demote.mutate({ userId: holder.id });
    await asAdmin.client.bookings.cancel.mutate({ id: booking.id });
    await eventually(() => errors.length === 1, "onMine to end");
    expect(errors[0]?.data?.code).toBe("UNAUTHORIZED");
    expect(received).toEqual(["booked"]);
    await mine.close();
    await asAdmin.close();
  });
});
