import pg from "pg";
import { BENCH_APPLICATION_NAME, benchDriverUrl } from "./bench-stack";

export interface ConnectionPeriod {
  /** The most client connections seen at once. */
  peak: number;
  /** What they were doing, on average over the samples: e.g. "active, IO:WalSync" → 2.4 connections. */
  activity: [string, number][];
}

export interface ConnectionWatch {
  /** What was seen since the previous call (or the start); starts the next period. */
  takePeriod(): ConnectionPeriod;
  stop(): Promise<void>;
}

/**
 * Polls pg_stat_activity every `intervalMs` for the client connections to the benchmark's database
 * other than the benchmark's own (the servers' pools, their LISTEN connections…): how many at most,
 * and what they were doing (state and wait event), so a slow phase shows whether the database
 * worked, waited on its disk, or sat idle waiting for the server.
 */
export async function watchConnections(databaseUrl: string, intervalMs = 50): Promise<ConnectionWatch> {
  const client = new pg.Client({ connectionString: benchDriverUrl(databaseUrl) });
  await client.connect();
  let peak = 0;
  let samples = 0;
  let activity = new Map<string, number>();
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      // Client backends only: autovacuum workers show up with the database's name too.
      const { rows } = await client.query<{ doing: string }>(
        `SELECT state || coalesce(', ' || wait_event_type || ':' || wait_event, '') AS doing FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend' AND application_name IS DISTINCT FROM $1`,
        [BENCH_APPLICATION_NAME],
      );
      samples += 1;
      peak = Math.max(peak, rows.length);
      for (const { doing } of rows) activity.set(doing, (activity.get(doing) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };
  const polling = poll();
  return {
    takePeriod() {
      const period: ConnectionPeriod = { peak, activity: [...activity].map(([doing, count]): [string, number] => [doing, count / Math.max(1, samples)]).sort((a, b) => b[1] - a[1]) };
      peak = 0;
      samples = 0;
      activity = new Map();
      return period;
    },
    async stop() {
      stopped = true;
      await polling;
      await client.end();
    },
  };
}

/** "active, IO:WalSync 2.4, idle, Client:ClientRead 5.1" (the most common first). */
export const describeActivity = (period: ConnectionPeriod) =>
  period.activity
    .filter(([, average]) => average >= 0.05)
    .map(([doing, average]) => `${doing} ${average.toFixed(1)}`)
    .join("; ");
