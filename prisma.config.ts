import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The CLI needs a resolvable url even for `generate`, or it falls back to the native engine
// (a download). Real runs set DATABASE_URL; the default points at the embedded database.
process.env.DATABASE_URL ??= "postgresql://switchboard:switchboard@127.0.0.1:54329/switchboard";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    // Discrete fields, not connectionString: with a string the shadow-database pool
    // silently points at the main database (toolchain.md).
    const url = new URL(process.env.DATABASE_URL!);
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      idleTimeoutMillis: 100,
    });
  },
});
