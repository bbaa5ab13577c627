/**
 * `npm start` on a fresh clone: generate the Prisma client and build Next when the build is
 * missing or older than the sources, so a second start is instant.
 */
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const sources = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.js", "package-lock.json", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry)
    .filter((name) => name !== "generated")
    .reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

const buildId = path.join(".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));

if (!existsSync("lib/db/generated/client.ts") || newestMtime("prisma/schema.prisma") > newestMtime("lib/db/generated/client.ts")) {
  execSync("npx prisma generate", { stdio: "inherit" });
}
if (changedAt > builtAt) {
  console.log(builtAt ? "Sources changed since the last build: rebuilding…" : "First start: building the app (about a minute)…");
  execSync("npx next build", { stdio: "inherit" });
}
