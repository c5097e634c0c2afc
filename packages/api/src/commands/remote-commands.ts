import type { CommandExecutor } from "./run-commands.ts";
import type { CommandInput, CommandName, CommandOutcome } from "./registry.ts";

/**
 * A message link between a process that serves requests and the process that owns the
 * writer (in the server: node:cluster's IPC between a worker and the primary). Messages are
 * plain JSON; command inputs and outcomes are plain data by design.
 */
export interface CommandChannel {
  send(message: CommandMessage): void;
  /** Returns a function that stops listening. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** The link is gone for good (the other process exited). */
  onClose?(listener: () => void): void;
}

type Call = [id: number, name: CommandName, input: unknown];
type Result = [id: number, ok: 1, outcome: unknown] | [id: number, ok: 0, error: ErrorText];
interface ErrorText {
  name: string;
  message: string;
}

export type CommandMessage =
  { type: "boxoffice:run"; calls: Call[] } | { type: "boxoffice:ran"; results: Result[] };

const isMessage = <T extends CommandMessage["type"]>(
  message: unknown,
  type: T,
): message is Extract<CommandMessage, { type: T }> =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === type;

/**
 * Collects what is sent into few messages: one IPC message costs about as much as the call
 * it carries. Sent after the event loop has read every request waiting on its sockets
 * (setImmediate), or, while it is busy taking in a flood, once the oldest item has waited
 * `maxWaitMs` (the same rule as the writer's batches, writer.ts).
 */
function batcher<T>(flush: (items: T[]) => void, maxWaitMs = 2) {
  let pending: T[] = [];
  let since = 0;
  let immediate: NodeJS.Immediate | null = null;
  const send = () => {
    if (immediate) clearImmediate(immediate);
    immediate = null;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    flush(items);
  };
  return (item: T) => {
    pending.push(item);
    if (pending.length === 1) {
      since = performance.now();
      immediate = setImmediate(send);
    } else if (performance.now() - since >= maxWaitMs) {
      queueMicrotask(send);
    }
  };
}

export class WriterUnreachableError extends Error {
  constructor() {
    super("The process that owns the database writer is gone");
    this.name = "WriterUnreachableError";
  }
}

/**
 * The serving side: each command is sent to the writer's process and resolves with the
 * outcome it committed there. Prechecks and publishing to the live feed stay here
 * (bindCommands), so refusals never cross the channel and local subscribers hear of a
 * commit without waiting for the owner.
 */
export function remoteExecutor(channel: CommandChannel): CommandExecutor & { close(): void } {
  const waiting = new Map<number, { resolve(outcome: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let closed = false;
  const send = batcher<Call>((calls) => channel.send({ type: "boxoffice:run", calls }));
  const stop = channel.onMessage((message) => {
    if (!isMessage(message, "boxoffice:ran")) return;
    for (const [id, ok, value] of message.results) {
      const call = waiting.get(id);
      if (!call) continue;
      waiting.delete(id);
      if (ok) call.resolve(value);
      else call.reject(Object.assign(new Error(value.message), { name: value.name }));
    }
  });

  const execute = <Name extends CommandName>(name: Name, input: CommandInput<Name>) => {
    if (closed) return Promise.reject(new WriterUnreachableError());
    const id = nextId++;
    return new Promise<CommandOutcome<Name>>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (outcome: unknown) => void, reject });
      send([id, name, input]);
    });
  };
  /** The owner is gone: every call still waiting fails, and so does every new one. */
  const close = () => {
    closed = true;
    stop();
    for (const call of waiting.values()) call.reject(new WriterUnreachableError());
    waiting.clear();
  };
  channel.onClose?.(close);
  return Object.assign(execute, { close });
}

/**
 * The owner's side: runs the commands a serving process sends on this process's writer and
 * sends back each outcome once it is committed (or the error it failed with).
 */
export function serveCommands(channel: CommandChannel, execute: CommandExecutor): () => void {
  const reply = batcher<Result>((results) => channel.send({ type: "boxoffice:ran", results }));
  return channel.onMessage((message) => {
    if (!isMessage(message, "boxoffice:run")) return;
    for (const [id, name, input] of message.calls) {
      execute(name, input as never).then(
        (outcome) => reply([id, 1, outcome]),
        (error: unknown) =>
          reply([
            id,
            0,
            error instanceof Error
              ? { name: error.name, message: error.message }
              : { name: "Error", message: String(error) },
          ]),
      );
    }
  });
}
