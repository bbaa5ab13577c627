import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ServerMetrics } from "./bench-stack";

function machineBusySeconds(): number {
  let busyMs = 0;
  for (const { times } of os.cpus()) busyMs += times.user + times.nice + times.sys + times.irq;
  return busyMs / 1000;
}

/**
 * Starts measuring where CPU time goes and how long the server's and the driver's event loops
 * stalled; the returned function ends the window and describes it. CPU is in cores (1.0 = one core
 * fully busy): all of it runs on one machine, so this shows whether server, driver or the rest
 * (PostgreSQL, and whatever else runs on the machine) ran short.
 */
export async function startLoadWindow(serverMetrics: () => Promise<ServerMetrics>): Promise<() => Promise<string[]>> {
  const startedAt = performance.now();
  const server = await serverMetrics();
  const driver = process.cpuUsage();
  const machine = machineBusySeconds();
  // Same 10 ms resolution as the server's prom-client histogram.
  const driverDelay = monitorEventLoopDelay({ resolution: 10 });
  driverDelay.enable();
  return async () => {
    driverDelay.disable();
    const seconds = (performance.now() - startedAt) / 1000;
    const serverNow = await serverMetrics();
    const serverCores = (serverNow.cpuSeconds - server.cpuSeconds) / seconds;
    const driverUsage = process.cpuUsage(driver);
    const driverCores = (driverUsage.user + driverUsage.system) / 1e6 / seconds;
    const machineCores = (machineBusySeconds() - machine) / seconds;
    const rest = Math.max(0, machineCores - serverCores - driverCores);
    return [
      `CPU in cores (of ${os.cpus().length}): server ${serverCores.toFixed(2)}, driver ${driverCores.toFixed(2)}, rest (PostgreSQL, other processes) ${rest.toFixed(2)}, machine ${machineCores.toFixed(2)}`,
      `event-loop delay: server p99 ${serverNow.eventLoopDelayP99Ms.toFixed(0)} ms, max ${serverNow.eventLoopDelayMaxMs.toFixed(0)} ms; ` +
        `driver p99 ${(driverDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(driverDelay.max / 1e6).toFixed(0)} ms`,
    ];
  };
}
