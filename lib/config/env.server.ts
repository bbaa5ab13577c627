import path from "node:path";
import { z } from "zod";
import { normalizeOrigin, parseOriginList } from "../contract/origins";

/** Environment variables, each with a documented default (see README "Configuration"). */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    HOST: z.string().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** `npm run worker`'s health and metrics port. */
    WORKER_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
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
    /** Database connections per process (docs/deploy.md: nodes × this must stay under PostgreSQL's max_connections). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    /** "true" seeds the demo businesses when the database is empty. */
    SEED_DEMO_DATA: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** Widgets and queue positions of a business are recomputed at most once per this window. */
    LIVE_COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(250),
    /** An agent whose sockets have all been gone this long becomes OFFLINE. */
    PRESENCE_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
    /** A waiting customer whose chat page has been gone this long has abandoned the chat. */
    CUSTOMER_ABANDON_MS: z.coerce.number().int().min(0).default(120_000),
    /**
     * Each server node renews its presence heartbeat this often; a node silent for three periods is
     * dead, and its agents and customers count as disconnected since its last beat (decision 012).
     */
    PRESENCE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
    /** Public chat API requests per client address per minute. */
    CHAT_RATE_LIMIT_REQUESTS_PER_IP: z.coerce.number().int().min(1).default(1200),
    /** New chats per client address per minute. */
    CHAT_RATE_LIMIT_STARTS_PER_IP: z.coerce.number().int().min(1).default(60),
    /** Customer messages per chat per minute. */
    CHAT_RATE_LIMIT_MESSAGES_PER_SESSION: z.coerce.number().int().min(1).default(60),
    /** "true" behind a reverse proxy: rate limits use the first X-Forwarded-For address. */
    TRUST_PROXY: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** Unset = /health/detailed and /health/metrics are open; set = they require `Authorization: Bearer <token>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** Other origins (besides NEXTAUTH_URL's) whose pages may use the staff API and /dashboard socket: comma-separated. */
    ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const { origins, invalid } = parseOriginList(value);
        if (invalid.length) ctx.addIssue({ code: "custom", message: `not origins (scheme://host[:port]): ${invalid.join(", ")}` });
        return origins;
      }),
    /** Failed sign-ins (any password) for one email within the window before it answers 429. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    /** Failed sign-ins from one client address within the window before it answers 429. */
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
    /** The sign-in throttle's window; a blocked account or address may try again when it has passed. */
    LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    /** Unset = no email: invitation and reset links are only shown to copy. smtp(s)://user:pass@host:port. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The sender of Switchboard's emails. */
    SMTP_FROM: z.string().default("Switchboard <no-reply@localhost>"),
    /** With BOOTSTRAP_OWNER_PASSWORD and BOOTSTRAP_BUSINESS_NAME: creates the first owner and business at boot when there is no user yet (containers). */
    BOOTSTRAP_OWNER_EMAIL: z.email().optional(),
    BOOTSTRAP_OWNER_PASSWORD: z.string().optional(),
    BOOTSTRAP_OWNER_NAME: z.string().min(1).max(100).default("Owner"),
    BOOTSTRAP_BUSINESS_NAME: z.string().min(1).max(100).optional(),
    /** Who answers chats first: the offline knowledge-base assistant, or an OpenAI-compatible model. */
    ASSISTANT_PROVIDER: z.enum(["builtin", "openai-compatible"]).default("builtin"),
    /** openai-compatible: the API's base URL (the path before /chat/completions). */
    ASSISTANT_BASE_URL: z.url().default("https://api.openai.com/v1"),
    /** openai-compatible: sent as a Bearer token; unset for local servers that need none. */
    ASSISTANT_API_KEY: z.string().optional(),
    /** openai-compatible: the model name. */
    ASSISTANT_MODEL: z.string().default("gpt-4o-mini"),
    /** A provider that has not finished its answer in this time hands the chat to a person. */
    ASSISTANT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** builtin: the least full-text relevance (ts_rank_cd, normalised to 0–1) that counts as an answer. */
    ASSISTANT_MIN_RELEVANCE: z.coerce.number().min(0).max(1).default(0.3),
    /** "false" = this process only serves; separate `npm run worker` processes answer the chats. */
    ASSISTANT_WORKERS_IN_PROCESS: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    /** Assistant tasks one worker process answers at the same time. */
    ASSISTANT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** A task taken by a worker that died is retried after this long (must exceed the timeout). */
    ASSISTANT_TASK_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(60),
    /** How often the job queue looks for expired tasks and due retries. */
    ASSISTANT_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(10),
    /** How often an idle worker asks the queue for a task. */
    ASSISTANT_QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).default(0.5),
    /** "true" = webhooks may go to http URLs and private or loopback addresses (tests, on-premise receivers). */
    WEBHOOK_ALLOW_PRIVATE_URLS: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** A webhook attempt without a complete answer in this time fails (and is retried). */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Multiplies the retry schedule (1 m … 12 h, about a day in all) and the day of failures that disables an endpoint; tests shrink it. */
    WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(10).default(1),
    /** Webhook deliveries one process sends at the same time. */
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** The largest file a customer or agent may send (bytes). */
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** Set = attachments are kept in this S3 (or S3-compatible) bucket instead of DATA_DIR/files. */
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    /** An S3-compatible server's URL (MinIO, Ceph, R2…); unset = AWS. */
    S3_ENDPOINT: z.url().optional(),
    /** Both or neither; unset = the AWS SDK's default credentials (environment, profile, instance role). */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** "true" = bucket in the path, as most S3-compatible servers want. */
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** Keys are stored under this prefix in the bucket. */
    S3_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, "letters, digits, _ and - in segments joined by /")
      .optional(),
  })
  .refine(
    (env) =>
      [env.BOOTSTRAP_OWNER_EMAIL, env.BOOTSTRAP_OWNER_PASSWORD, env.BOOTSTRAP_BUSINESS_NAME].every((v) => v === undefined) ||
      [env.BOOTSTRAP_OWNER_EMAIL, env.BOOTSTRAP_OWNER_PASSWORD, env.BOOTSTRAP_BUSINESS_NAME].every((v) => v !== undefined),
    {
      message: "set BOOTSTRAP_OWNER_EMAIL, BOOTSTRAP_OWNER_PASSWORD and BOOTSTRAP_BUSINESS_NAME together",
      path: ["BOOTSTRAP_OWNER_EMAIL"],
    },
  )
  .refine((env) => (env.S3_ACCESS_KEY_ID === undefined) === (env.S3_SECRET_ACCESS_KEY === undefined), {
    message: "set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together",
    path: ["S3_ACCESS_KEY_ID"],
  })
  .refine((env) => env.ASSISTANT_TASK_EXPIRE_SECONDS * 1000 > env.ASSISTANT_TIMEOUT_MS, {
    // Otherwise the queue would retry every answer that is still streaming.
    message: "must be longer than ASSISTANT_TIMEOUT_MS",
    path: ["ASSISTANT_TASK_EXPIRE_SECONDS"],
  });

/** The live-chat settings of the environment, as the realtime server takes them. */
export function liveConfig(env: Env) {
  return {
    coalesceMs: env.LIVE_COALESCE_MS,
    agentGraceMs: env.PRESENCE_GRACE_MS,
    customerGraceMs: env.CUSTOMER_ABANDON_MS,
    heartbeatMs: env.PRESENCE_HEARTBEAT_MS,
    rateLimits: {
      requestsPerIpPerMinute: env.CHAT_RATE_LIMIT_REQUESTS_PER_IP,
      chatStartsPerIpPerMinute: env.CHAT_RATE_LIMIT_STARTS_PER_IP,
      messagesPerSessionPerMinute: env.CHAT_RATE_LIMIT_MESSAGES_PER_SESSION,
    },
  };
}

/** Origins whose pages act as the app itself: the public URL's, plus ALLOWED_ORIGINS. */
export function staffOrigins(env: Env): string[] {
  const own = normalizeOrigin(new URL(env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).origin);
  return [...new Set([...(own ? [own] : []), ...env.ALLOWED_ORIGINS])];
}

/** The first owner and business from BOOTSTRAP_* (all three set), or null. */
export function bootstrapSetup(env: Env) {
  if (!env.BOOTSTRAP_OWNER_EMAIL || !env.BOOTSTRAP_OWNER_PASSWORD || !env.BOOTSTRAP_BUSINESS_NAME) return null;
  return { email: env.BOOTSTRAP_OWNER_EMAIL.toLowerCase(), password: env.BOOTSTRAP_OWNER_PASSWORD, name: env.BOOTSTRAP_OWNER_NAME, businessName: env.BOOTSTRAP_BUSINESS_NAME };
}

/** The sign-in throttle's settings (lib/auth/login-throttle.server.ts). */
export function loginThrottleConfig(env: Env) {
  return {
    maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowSeconds: env.LOGIN_THROTTLE_WINDOW_SECONDS,
  };
}

/** The assistant's settings of the environment (lib/assistant). */
export function assistantConfig(env: Env) {
  return {
    provider: env.ASSISTANT_PROVIDER,
    openai: { baseUrl: env.ASSISTANT_BASE_URL, apiKey: env.ASSISTANT_API_KEY, model: env.ASSISTANT_MODEL },
    timeoutMs: env.ASSISTANT_TIMEOUT_MS,
    minRelevance: env.ASSISTANT_MIN_RELEVANCE,
    queue: {
      concurrency: env.ASSISTANT_WORKER_CONCURRENCY,
      expireSeconds: env.ASSISTANT_TASK_EXPIRE_SECONDS,
      maintenanceSeconds: env.ASSISTANT_QUEUE_MAINTENANCE_SECONDS,
      pollSeconds: env.ASSISTANT_QUEUE_POLL_SECONDS,
    },
  };
}

export type AssistantConfig = ReturnType<typeof assistantConfig>;

/** Where attachments are kept (lib/files): an S3 bucket when S3_BUCKET is set, else DATA_DIR/files; and their size limit. */
export function attachmentConfig(env: Env) {
  const localRoot = path.resolve(env.DATA_DIR, "files");
  return {
    maxBytes: env.ATTACHMENT_MAX_BYTES,
    storage: env.S3_BUCKET
      ? {
          kind: "s3" as const,
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          endpoint: env.S3_ENDPOINT,
          credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
          prefix: env.S3_PREFIX ?? "",
          // Uploads are checked on this machine's disk before they go to the bucket.
          spoolDir: path.join(localRoot, ".incoming"),
        }
      : { kind: "local" as const, root: localRoot },
  };
}

export type AttachmentConfig = ReturnType<typeof attachmentConfig>;

/** The webhook delivery settings (lib/webhooks). */
export function webhookConfig(env: Env) {
  return { allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS, timeoutMs: env.WEBHOOK_TIMEOUT_MS, retryScale: env.WEBHOOK_RETRY_SCALE, concurrency: env.WEBHOOK_CONCURRENCY };
}

export type WebhookConfig = ReturnType<typeof webhookConfig>;

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
