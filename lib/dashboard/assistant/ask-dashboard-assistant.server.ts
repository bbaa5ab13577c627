import type { AssistantConfig } from "../../config/env.server";
import type { PrismaClient } from "../../db/prisma-client.server";
import { loadWidget } from "../load-widget.server";
import { WIDGETS, type WidgetData, type WidgetName } from "../../contract/widgets";
import { AppError, notFound } from "../../errors/app-error";
import { describeError, type Logger } from "../../observability/logger";
import type { DashboardAssistantAnswer } from "../../contract/dashboard";
import { requireMembership, type BusinessScope } from "../../tenancy/memberships.server";
import { answerIntent, INTENT_WIDGETS, matchIntent } from "./intents";
import { answerWithModel } from "./model-answer.server";

export interface DashboardAssistantDeps {
  db: PrismaClient;
  logger: Logger;
  assistant: AssistantConfig;
}

export interface DashboardQuestion {
  userId: string;
  /** The business the asking socket is watching now (undefined before its first orchestration). */
  businessId: string | undefined;
  /** The AssistantConversation id from `llm.session_ready`. */
  conversationId: string;
  question: string;
}

/** One answer for every session the caller may not use, so ids of other users and businesses cannot be probed. */
const sessionNotFound = () => notFound("Dashboard assistant session");

/**
 * Answers a staff member's question about their dashboard (the `llm.ask` event). Stateless: each
 * question is answered from the figures read for it, with the builtin keyword intents or the
 * configured OpenAI-compatible model. Whatever fails while answering ends in one
 * `assistant_unavailable` error; nothing else is touched.
 */
export async function askDashboardAssistant(deps: DashboardAssistantDeps, input: DashboardQuestion, now = new Date()): Promise<DashboardAssistantAnswer> {
  const scope = await requireConversationScope(deps.db, input, now);
  try {
    return deps.assistant.provider === "builtin" ? await answerWithIntents(deps, scope, input.question, now) : await answerFromModel(deps, scope, input.question, now);
  } catch (error) {
    if (error instanceof AppError) throw error;
    deps.logger.error("dashboard assistant failed", { error: describeError(error) });
    throw unavailable("The dashboard assistant could not answer; try again in a moment.");
  }
}

/** Builtin: the intent's widgets only, read at one instant (`asOf`), worded by the keyword intents. */
async function answerWithIntents(deps: DashboardAssistantDeps, scope: BusinessScope, question: string, asOf: Date): Promise<DashboardAssistantAnswer> {
  const intent = matchIntent(question);
  const figures = await loadFigures(deps, scope, intent ? INTENT_WIDGETS[intent] : [], asOf);
  if (figures.unavailable.length) throw figuresUnavailable();
  return { text: answerIntent(intent, figures.data), intent: intent ?? "unknown", as_of: asOf.toISOString() };
}

/** openai-compatible: all six widgets, read at one instant, as the model's only source. */
async function answerFromModel(deps: DashboardAssistantDeps, scope: BusinessScope, question: string, asOf: Date): Promise<DashboardAssistantAnswer> {
  const figures = await loadFigures(deps, scope, WIDGETS, asOf);
  if (figures.unavailable.length === WIDGETS.length) throw figuresUnavailable();
  try {
    const text = await answerWithModel(deps.assistant, { as_of: asOf.toISOString(), widgets: figures.data, unavailable_widgets: figures.unavailable }, question);
    return { text, intent: null, as_of: asOf.toISOString() };
  } catch (error) {
    deps.logger.warn("dashboard assistant model failed", { error: describeError(error) });
    // No builtin answer as a stand-in: the admin chose the model, and a canned reply in its place would hide that it is down.
    throw unavailable("The language model did not answer; try again in a moment.");
  }
}

/** The conversation must be this user's, of the business their socket watches now (still a member), and not expired. */
async function requireConversationScope(db: PrismaClient, input: DashboardQuestion, now: Date): Promise<BusinessScope> {
  const { userId, businessId, conversationId } = input;
  if (!businessId) throw sessionNotFound();
  const conversation = await db.assistantConversation.findFirst({
    where: { id: conversationId, userId, businessId, expiresAt: { gt: now } },
    select: { id: true },
  });
  if (!conversation) throw sessionNotFound();
  // Memberships can be revoked after the session was opened.
  return requireMembership(db, userId, businessId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? sessionNotFound() : error;
  });
}

/** Reads the widgets at one instant; a widget that fails is listed instead of failing the others. */
async function loadFigures(deps: DashboardAssistantDeps, scope: BusinessScope, widgets: readonly WidgetName[], asOf: Date) {
  const data: Partial<WidgetData> = {};
  const unavailable: WidgetName[] = [];
  await Promise.all(
    widgets.map(async (widget) => {
      try {
        (data as Record<string, unknown>)[widget] = await loadWidget(deps.db, scope, widget, asOf);
      } catch (error) {
        deps.logger.warn("dashboard assistant could not read a widget", { widget, error: describeError(error) });
        unavailable.push(widget);
      }
    }),
  );
  return { data, unavailable };
}

const unavailable = (message: string) => new AppError("assistant_unavailable", message);
const figuresUnavailable = () => unavailable("The dashboard figures could not be read right now; try again in a moment.");
