import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const resultsFile = fileURLToPath(new URL("../RESULTS.md", import.meta.url));

/** A Markdown table: header row, then rows of already-formatted cells. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Prints a section and appends it, with the command that produced it, to bench/RESULTS.md. */
export function record(title: string, command: string, body: string) {
  const section = [
    `## ${title}`,
    "",
    `${new Date().toISOString()} · \`${command}\` · Node ${process.version} · ${process.platform}/${process.arch}`,
    "",
    body,
    "",
  ].join("\n");
  console.log(`\n${section}`);
  if (!existsSync(resultsFile))
    writeFileSync(
      resultsFile,
      "# Benchmark results\n\nNewest last. Each section names the command that produced it.\n\n",
    );
  appendFileSync(resultsFile, `${section}\n`);
}
