import { AppError } from "../errors/app-error";

/**
 * The JSON body of a route handler's request: 413 past `maxBytes` (declared or streamed; the rest
 * is not read), 400 when it is not JSON. An empty body reads as `{}` so validation names the fields.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new AppError("payload_too_large", `The body may be at most ${maxBytes} bytes.`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(next.value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_error", "The body must be JSON.", { fields: { _: ["not valid JSON"] } });
  }
}
