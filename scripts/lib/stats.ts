import os from "node:os";

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** "p50 … ms   p95 … ms   max … ms" of latencies in milliseconds (any order). */
export function formatLatencies(values: ArrayLike<number>, percentiles: number[] = [50, 95]): string {
  if (values.length === 0) return "no samples";
  const sorted = Float64Array.from(values).sort(); // typed arrays sort numerically, and fast for a million samples
  return [...percentiles.map((p) => `p${p} ${percentile(sorted, p).toFixed(1)} ms`), `max ${sorted[sorted.length - 1].toFixed(1)} ms`].join("   ");
}

export const passOrMiss = (met: boolean) => (met ? "PASS" : "MISS");

export function machineDescription(): string {
  return `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The machine's load average (1 / 5 / 15 min): other work on a shared machine skews every figure. */
export function loadAverage(): string {
  return `load average ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(" / ")}`;
}
