import { createSignal, onCleanup } from "solid-js";
import { isTRPCClientError } from "@trpc/client";
import type { RouterOutputs } from "@boxoffice/api";
import { trpc, type ApiError } from "../lib/trpc.ts";
import { createDoorLog } from "./door-log.ts";
import { cachedPublicKeys, loadPublicKeys } from "./public-keys.ts";
import { looksLikeToken, verifyTicketToken } from "./ticket-token.ts";

export type Admitted = RouterOutputs["checkin"]["scan"];

/** What the door shows after a scan: let in (online, or checked on this device), or stop. */
export type DoorResult =
  | { kind: "in"; admitted: Admitted }
  | { kind: "in-offline"; ticketId: number; seat: number }
  | {
      kind: "stop";
      title: string;
      message: string;
      holderName?: string | undefined;
      seat?: number | undefined;
    };

const timeOf = (ms: number) =>
  new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(ms);

/** A failure of the connection (no answer at all), as opposed to the server saying no. */
function isNetworkFailure(error: unknown): boolean {
  return !isTRPCClientError(error) || !(error as ApiError).data;
}

function stopFromRefusal(error: ApiError): DoorResult {
  const refusal = error.data?.refusal;
  const titles: Record<string, string> = {
    UNKNOWN_TICKET: "Not a ticket",
    WRONG_EVENT: "Wrong event",
    VOIDED: "Cancelled ticket",
    ALREADY_CHECKED_IN: "Already checked in",
  };
  const ticket = refusal && "ticket" in refusal ? refusal.ticket : undefined;
  return {
    kind: "stop",
    title: titles[refusal?.code ?? ""] ?? "Not let in",
    message: error.message,
    holderName: ticket?.holderName,
    seat: ticket?.seat,
  };
}

/**
 * One event's door on this device. Online, every scan goes to the server (which decides,
 * once, for every door). When the connection is down, a scanned token is verified here with
 * the cached public keys, refused if this device already let it in, and queued; the queue
 * is synced when the connection comes back, and whatever the server refuses then (let in at
 * another door first) is listed as a conflict.
 */
export function createDoor(eventId: number, onCounts: (counts: Admitted["counts"]) => void) {
  const store = createDoorLog(eventId);
  const [online, setOnline] = createSignal(navigator.onLine);
  const [syncing, setSyncing] = createSignal(false);
  let keys = cachedPublicKeys();
  void loadPublicKeys().then((loaded) => (keys = loaded ?? keys));

  async function offline(token: string): Promise<DoorResult> {
    if (!looksLikeToken(token)) {
      return {
        kind: "stop",
        title: "Offline",
        message:
          "Without a connection only QR codes can be checked; ask to scan the ticket's QR code.",
      };
    }
    if (!keys) {
      return {
        kind: "stop",
        title: "Offline",
        message: "This device has no ticket keys yet: open this page once while online.",
      };
    }
    const claims = await verifyTicketToken(token, keys);
    if (!claims) {
      return {
        kind: "stop",
        title: "Not a ticket",
        message: "This QR code is not a valid ticket.",
      };
    }
    if (claims.eventId !== eventId) {
      return { kind: "stop", title: "Wrong event", message: "This ticket is for another event." };
    }
    const before = store.log.scanned[claims.ticketId];
    if (before !== undefined) {
      return {
        kind: "stop",
        title: "Already checked in",
        message: `Seat ${claims.seat} was already let in on this device at ${timeOf(before)}.`,
        seat: claims.seat,
      };
    }
    store.enqueue({ ticketId: claims.ticketId, seat: claims.seat, token, scannedAt: Date.now() });
    return { kind: "in-offline", ticketId: claims.ticketId, seat: claims.seat };
  }

  /** A scanned QR token, or a reference or ticket code typed at the door. */
  async function scan(text: string): Promise<DoorResult> {
    const entry = text.trim();
    const token = looksLikeToken(entry);
    if (!navigator.onLine) return offline(entry);
    try {
      const admitted = await trpc.checkin.scan.mutate(
        token ? { eventId, token: entry } : { eventId, code: entry },
      );
      store.admitted(admitted.ticket.id, admitted.ticket.checkedInAt ?? Date.now());
      onCounts(admitted.counts);
      void sync();
      return { kind: "in", admitted };
    } catch (error) {
      if (isNetworkFailure(error)) return offline(entry);
      return stopFromRefusal(error as ApiError);
    }
  }

  /** Sends queued check-ins in the order they were made; stops at the first network failure. */
  async function sync(): Promise<void> {
    if (syncing() || !navigator.onLine) return;
    setSyncing(true);
    try {
      for (const queued of [...store.log.queue]) {
        try {
          const admitted = await trpc.checkin.scan.mutate({ eventId, token: queued.token });
          onCounts(admitted.counts);
          store.settle(queued.ticketId);
        } catch (error) {
          // Only a ticket's own refusal settles it; no connection, a session that ended or a
          // server error keeps the queue for the next try.
          if (isNetworkFailure(error) || !(error as ApiError).data?.reason) return;
          store.settle(queued.ticketId, {
            ticketId: queued.ticketId,
            seat: queued.seat,
            scannedAt: queued.scannedAt,
            message: (error as ApiError).message,
          });
        }
      }
    } finally {
      setSyncing(false);
    }
  }

  /** Takes a check-in back (online only: the server holds the record). */
  async function undo(ticketId: number) {
    const { counts } = await trpc.checkin.undo.mutate({ ticketId });
    store.forget(ticketId);
    onCounts(counts);
  }

  const goOnline = () => {
    setOnline(true);
    void loadPublicKeys().then((loaded) => (keys = loaded ?? keys));
    void sync();
  };
  const goOffline = () => setOnline(false);
  window.addEventListener("online", goOnline);
  window.addEventListener("offline", goOffline);
  onCleanup(() => {
    window.removeEventListener("online", goOnline);
    window.removeEventListener("offline", goOffline);
  });
  void sync();

  return {
    scan,
    sync,
    undo,
    online,
    syncing,
    queue: () => store.log.queue,
    conflicts: () => store.log.conflicts,
    clearConflicts: store.clearConflicts,
  };
}

export type Door = ReturnType<typeof createDoor>;
