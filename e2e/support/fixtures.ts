import { test as base, expect, type Page } from "@playwright/test";

/** Records console errors and failed or 4xx/5xx requests of `page` into `problems`. */
export function watchForProblems(page: Page, problems: string[]) {
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} @ ${message.location().url}`);
  });
  page.on("requestfailed", (request) => {
    // Navigations away abort in-flight fetches; that is not a failure of the app.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

/**
 * `page` that records console errors and failed or 4xx/5xx requests, and fails the test if any
 * happened (expected ones match the `allowProblems` pattern). Pages of extra contexts join in with
 * `watchForProblems(otherPage, problems)`.
 */
// One pattern, not a list: Playwright would read `[/a/, /b/]` as a fixture's [value, options] pair.
export const test = base.extend<{ allowProblems: RegExp | null; problems: string[] }>({
  allowProblems: [null, { option: true }],
  problems: [
    async ({ page, allowProblems }, use) => {
      const problems: string[] = [];
      watchForProblems(page, problems);
      await use(problems);
      const unexpected = problems.filter((problem) => !allowProblems?.test(problem));
      expect(unexpected, "console errors or failed requests").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
