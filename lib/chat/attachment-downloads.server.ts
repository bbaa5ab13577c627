import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { AppError, toAppError } from "../errors/app-error";
import { describeError, type Logger } from "../observability/logger";
import type { LiveChat } from "./live-chat.server";

const DOWNLOAD_PATH = /^\/api\/v1\/attachments\/([^/]+)\/?$/;

/**
 * GET /api/v1/attachments/{id}?expires=&sig=: the file behind a signed link (no cookie, no token:
 * the link is the permission, minted only into conversations its holder may read). Served by the
 * custom server so the bytes stream straight from the store.
 */
export function createAttachmentDownloadHandler(deps: { liveChat: Pick<LiveChat, "openAttachment">; logger: Logger }) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const match = DOWNLOAD_PATH.exec(pathname);
    if (!match) return false;
    try {
      const method = (req.method ?? "GET").toUpperCase();
      if (method !== "GET" && method !== "HEAD") throw new AppError("validation_error", `${method} is not supported on this endpoint.`);
      const query = new URL(req.url ?? "/", "http://localhost").searchParams;
      const download = await deps.liveChat.openAttachment(match[1], query.get("expires"), query.get("sig"));
      res.writeHead(200, download.headers);
      if (method === "HEAD") {
        download.file.stream.destroy();
        res.end();
        return true;
      }
      await pipeline(download.file.stream, res).catch((error: unknown) => {
        // The client went away mid-download, or the store failed after the headers: nothing more to send.
        deps.logger.warn("attachment download interrupted", { error: describeError(error) });
      });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "internal_error") deps.logger.error("attachment download failed", { error: describeError(error) });
      res.writeHead(appError.status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: appError.toBody() }));
    }
    return true;
  };
}
