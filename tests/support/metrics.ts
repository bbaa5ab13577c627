/** A series' value in a Prometheus text page (`name` or `name{labels}` exactly), NaN when absent. */
export const metricValue = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

/** A server's /health/metrics page. */
export const readMetrics = async (serverUrl: string) => (await fetch(`${serverUrl}/health/metrics`)).text();
