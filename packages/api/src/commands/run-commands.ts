import type { BookingLog, ReadDatabase, Writer } from "@boxoffice/db";
import type { Instruments } from "../services/instruments.ts";
import type { Clock } from "./clock.ts";
import type { Refused } from "./outcome.ts";
import { reserveSeatsPrecheck } from "./reserve-seats-precheck.ts";
import {
  commandDefinitions,
  type CommandInput,
  type CommandName,
  type CommandOutcome,
} from "./registry.ts";

/** Every command, ready to call: `commands.reserveSeats({ … })`. */
export type Commands = {
  readonly [Name in CommandName]: (input: CommandInput<Name>) => Promise<CommandOutcome<Name>>;
};

/** Where committed booking_logs rows go: the live change feed. */
export interface CommitListener {
  committed(logs: readonly BookingLog[]): void;
}

/**
 * Refusals some commands can decide from the read connection alone, before taking a place
 * in a write transaction; null means "ask the writer". Each must only refuse what the
 * command itself would refuse at that moment (see reserve-seats-precheck.ts).
 */
const prechecks: {
  [Name in CommandName]?: (
    db: ReadDatabase,
    input: CommandInput<Name>,
    now: number,
  ) => Promise<Refused | null>;
} = { reserveSeats: reserveSeatsPrecheck };

/**
 * Runs one command in a write transaction and resolves with its outcome once committed:
 * on this process's writer (`writerExecutor`), or on the process that owns the writer
 * (remote-commands.ts).
 */
export type CommandExecutor = <Name extends CommandName>(
  name: Name,
  input: CommandInput<Name>,
) => Promise<CommandOutcome<Name>>;

/** Each command as one job of `writer`'s group commit, with the time it really ran. */
export function writerExecutor(writer: Writer, clock: Clock): CommandExecutor {
  return <Name extends CommandName>(name: Name, input: CommandInput<Name>) => {
    const definition = commandDefinitions[name] as (
      tx: Parameters<Parameters<Writer["run"]>[0]>[0],
      input: CommandInput<Name>,
      now: number,
    ) => Promise<CommandOutcome<Name>>;
    // The clock is read inside the job, so `now` is when the command really ran.
    return writer.run((tx) => definition(tx, input, clock()));
  };
}

/**
 * Binds every command to the process's one writer, clock and change feed. Each call is one
 * job of the group-commit writer; it resolves once its transaction is durably committed,
 * and only then are its booking_logs rows handed to the feed. Publishing is the runner's
 * job, so no caller can forget it and no command can publish before its commit. With a
 * `reader`, refusals that need no write transaction are answered from it (`prechecks`).
 */
export function createCommands(
  writer: Writer,
  feed: CommitListener,
  clock: Clock,
  instruments?: Pick<Instruments, "command">,
  reader?: ReadDatabase,
  /** Told the name of every command that committed (the mail sender wakes on it). */
  afterCommit?: (name: CommandName) => void,
): Commands {
  return bindCommands(writerExecutor(writer, clock), feed, clock, {
    instruments,
    reader,
    afterCommit,
  });
}

/** Commands over any executor: prechecks first, then the write, then the feed. */
export function bindCommands(
  execute: CommandExecutor,
  feed: CommitListener,
  clock: Clock,
  {
    instruments,
    reader,
    afterCommit = () => {},
  }: {
    instruments?: Pick<Instruments, "command"> | undefined;
    /** Where prechecks read: refusals decided without a write transaction. */
    reader?: ReadDatabase | undefined;
    /** Told the name of every command that committed (the mail sender wakes on it). */
    afterCommit?: ((name: CommandName) => void) | undefined;
  } = {},
): Commands {
  const bind = <Name extends CommandName>(name: Name) => {
    const precheck = reader ? prechecks[name] : undefined;
    return async (input: CommandInput<Name>): Promise<CommandOutcome<Name>> => {
      if (reader && precheck) {
        const refused = await precheck(reader, input, clock());
        if (refused) {
          instruments?.command(name, refused.failure.code);
          return refused as CommandOutcome<Name>;
        }
      }
      const outcome = await execute(name, input);
      if (outcome.ok) {
        if (outcome.logs.length > 0) feed.committed(outcome.logs);
        afterCommit(name);
      }
      instruments?.command(name, outcome.ok ? "ok" : outcome.failure.code);
      return outcome;
    };
  };
  const names = Object.keys(commandDefinitions) as CommandName[];
  return Object.fromEntries(names.map((name) => [name, bind(name)])) as Commands;
}
