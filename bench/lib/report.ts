import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
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

/** How the benchmark was invoked, with the BENCH_* settings that changed it. */
export function commandLine(script: string): string {
  const settings = Object.entries(process.env)
    .filter(([name, value]) => name.startsWith("BENCH_") && value)
    .map(([name, value]) => `${name}=${value}`);
  return [...settings, `pnpm ${script}`].join(" ");
}

/** Cores and load average: these machines are shared, so each result says how busy it was. */
export function machineNote(): string {
  const [one, five] = loadavg();
  return `${availableParallelism()} cores, load average ${one?.toFixed(2)} (1 min) / ${five?.toFixed(2)} (5 min) when the section was written`;
}
