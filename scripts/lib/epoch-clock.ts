/**
 * Milliseconds since the Unix epoch at sub-millisecond resolution. Unlike performance.now(), which
 * counts from each process's start, it compares across processes on one machine: a bench's driver,
 * its socket fleet and a browser page stamp events on the same clock.
 */
export const epochNow = () => performance.timeOrigin + performance.now();
