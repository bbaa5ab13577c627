import { readFileSync, writeFileSync } from "node:fs";

const DOCS = "docs/benchmarks.md";

/**
 * Writes a benchmark's results into docs/benchmarks.md between its markers (`<!-- <name> results… -->`
 * and `<!-- /<name> results -->`), replacing the previous run's; the first time, a new section with
 * `heading` at the end.
 */
export function writeResultsToDocs(name: string, heading: string, section: string): void {
  const begin = `<!-- ${name} results: written by scripts/${name.replace(":", "-")}.ts -->`;
  const end = `<!-- /${name} results -->`;
  const docs = readFileSync(DOCS, "utf8");
  const from = docs.indexOf(begin);
  const to = docs.indexOf(end);
  const block = `${begin}\n${section}\n${end}`;
  writeFileSync(DOCS, from >= 0 && to > from ? docs.slice(0, from) + block + docs.slice(to + end.length) : `${docs.trimEnd()}\n\n${heading}\n\n${block}\n`);
  console.log(`\nwritten to ${DOCS}`);
}
