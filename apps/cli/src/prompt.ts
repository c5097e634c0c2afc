import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { CliError, ExitCode } from "./exit-codes.ts";

export const canPrompt = () => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** Asks on stderr (stdout stays clean for data); `hidden` does not echo what is typed. */
export async function ask(question: string, { hidden = false } = {}): Promise<string> {
  let muted = false;
  // readline echoes typing through its output; for a password that output goes quiet.
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stderr.write(chunk, encoding);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = hidden;
    return (await answer).trim();
  } finally {
    rl.close();
    if (hidden) process.stderr.write("\n");
  }
}

/** All of stdin, for `--password-stdin`. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError("--password-stdin needs the password piped in.", ExitCode.usage);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
