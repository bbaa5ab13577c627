import { z } from "zod";

/** Environment variables, each with a documented default (see README "Configuration"). */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Unset = an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Unset = single node, in-memory Socket.IO adapter. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Unset = a random secret generated once and kept in DATA_DIR/nextauth-secret. */
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** Unset = http://localhost:PORT. */
  NEXTAUTH_URL: z.url().optional(),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** "true" seeds the demo businesses when the database is empty. */
  SEED_DEMO_DATA: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parse and validate the environment once at boot; a bad value stops the process with a clear list. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset" (e.g. `DATABASE_URL= npm start`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
