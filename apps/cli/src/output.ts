import { formatCompact } from "@boxoffice/time";

/** Where a command's results go: a table or sentence for people, one JSON document for scripts. */
export interface Output {
  json: boolean;
  /** Prints `value` as JSON in --json mode, otherwise the text `human()` returns. */
  result(value: unknown, human: () => string): void;
  /** A line on stdout (data: tables, CSV, live changes). */
  line(text: string): void;
  /** A note for the person at the terminal, on stderr (never mixed into data). */
  note(text: string): void;
}

export function createOutput(
  json: boolean,
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr,
): Output {
  return {
    json,
    result(value, human) {
      stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    line(text) {
      stdout.write(`${text}\n`);
    },
    note(text) {
      stderr.write(`${text}\n`);
    },
  };
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [format(headers), ...rows.map(format)].join("\n");
}

/** `2026-05-01 18:00 BST`: in the event's zone, where it happens, whatever the terminal's. */
export function formatTime(ms: number, timeZone: string): string {
  return formatCompact(ms, timeZone);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function seats(available: number, capacity: number): string {
  return available === 0 ? `sold out (0/${capacity})` : `${available}/${capacity} left`;
}
