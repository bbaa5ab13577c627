import { AppError } from "../errors/app-error";

/**
 * A request's JSON body from its chunks: 413 past `maxBytes` (declared or streamed; the rest is
 * not read), 400 when it is not JSON. An empty body reads as `{}` so validation names the fields.
 * Serves both Node requests (the chat API) and Fetch requests (Next route handlers).
 */
export async function readJson(body: AsyncIterable<Uint8Array> | null, declaredLength: number, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new AppError("payload_too_large", `The body may be at most ${maxBytes} bytes.`);
  if (declaredLength > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Throwing inside the loop ends the iteration, which cancels the stream.
  for await (const chunk of body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_error", "The body must be JSON.", { fields: { _: ["not valid JSON"] } });
  }
}

/** The JSON body of a route handler's request (see readJson). */
export function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  return readJson(req.body as AsyncIterable<Uint8Array> | null, Number(req.headers.get("content-length") ?? 0), maxBytes);
}
