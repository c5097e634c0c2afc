import { createStore, produce } from "solid-js/store";

/** A check-in made while offline, waiting to reach the server. */
export interface QueuedScan {
  ticketId: number;
  seat: number;
  token: string;
  scannedAt: number;
}

/** An offline check-in the server did not accept at sync: first scan to reach it wins. */
export interface Conflict {
  ticketId: number;
  seat: number;
  scannedAt: number;
  /** The server's reason, as a person reads it (who let it in, and when). */
  message: string;
}

export interface DoorLog {
  queue: QueuedScan[];
  /** Tickets let in on this device (online or offline): ticket id → when. */
  scanned: Record<number, number>;
  conflicts: Conflict[];
}

const storageKey = (eventId: number) => `boxoffice.door.${eventId}`;

function read(eventId: number): DoorLog {
  try {
    const stored = localStorage.getItem(storageKey(eventId));
    if (stored) {
      const parsed = JSON.parse(stored) as Partial<DoorLog>;
      return {
        queue: parsed.queue ?? [],
        scanned: parsed.scanned ?? {},
        conflicts: parsed.conflicts ?? [],
      };
    }
  } catch {
    // A damaged entry starts afresh rather than blocking the door.
  }
  return { queue: [], scanned: {}, conflicts: [] };
}

/**
 * This device's record of one event's door, kept in localStorage after every change so a
 * reload (or a crash) loses no queued check-in. localStorage is synchronous: a scan is
 * stored before the green light shows.
 */
export function createDoorLog(eventId: number) {
  const [log, setLog] = createStore<DoorLog>(read(eventId));
  const change = (edit: (draft: DoorLog) => void) => {
    setLog(produce(edit));
    localStorage.setItem(storageKey(eventId), JSON.stringify(log));
  };
  return {
    log,
    admitted(ticketId: number, at: number) {
      change((draft) => {
        draft.scanned[ticketId] = at;
      });
    },
    enqueue(scan: QueuedScan) {
      change((draft) => {
        draft.scanned[scan.ticketId] = scan.scannedAt;
        draft.queue.push(scan);
      });
    },
    /** Takes the first queued scan off the queue, as synced or as a conflict. */
    settle(ticketId: number, conflict?: Conflict) {
      change((draft) => {
        draft.queue = draft.queue.filter((scan) => scan.ticketId !== ticketId);
        if (conflict) draft.conflicts.push(conflict);
      });
    },
    forget(ticketId: number) {
      change((draft) => {
        delete draft.scanned[ticketId];
      });
    },
    clearConflicts() {
      change((draft) => {
        draft.conflicts = [];
      });
    },
  };
}

export type DoorLogStore = ReturnType<typeof createDoorLog>;
