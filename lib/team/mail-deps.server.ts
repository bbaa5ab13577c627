import { mailerFromEnv } from "../mail/mailer.server";
import { createLogger } from "../observability/logger";

const logger = createLogger((process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "info", { component: "mail" });

/** How the team routes send their emails: the configured SMTP (or none), and where failures are logged. */
export const teamMail = () => ({ mailer: mailerFromEnv(), logger });
