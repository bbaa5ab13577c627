/**
 * Writes the next migration as a datamodel diff: prisma/schema.snapshot.prisma (the schema at
 * the last migration) → prisma/schema.prisma. Run via `npm run db:migration -- <name>`; the
 * Prisma JS schema engine needs a live connection, which the wrapper provides.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:migration -- <short_name>");
  process.exit(2);
}

const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", "prisma/schema.snapshot.prisma", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.log("schema.prisma matches the last migration: nothing to write.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
const header = readFileSync("prisma/schema.snapshot.prisma", "utf8").split("\n")[0];
copyFileSync("prisma/schema.prisma", "prisma/schema.snapshot.prisma");
writeFileSync("prisma/schema.snapshot.prisma", `${header}\n${readFileSync("prisma/schema.snapshot.prisma", "utf8")}`);
console.log(`Wrote ${dir}/migration.sql and updated prisma/schema.snapshot.prisma.`);
