import { z } from "zod";
import { normalizeOrigin } from "./origins";

/** At most this many sites per business: a list to read, not a place to store a crawl. */
export const MAX_ALLOWED_ORIGINS = 50;
export const ALLOWED_ORIGINS_BODY_MAX_BYTES = 16 * 1024;

/** `PUT /api/v1/admin/allowed-origins`: the sites where the business embeds its chat. */
export const allowedOriginsBody = z
  .object({
    allowed_origins: z
      .array(
        z
          .string()
          .max(200)
          .refine((value) => normalizeOrigin(value) !== null, { message: "must be an origin such as https://shop.example (no path)" }),
      )
      .max(MAX_ALLOWED_ORIGINS),
  })
  .strict();

export interface AllowedOriginsWire {
  allowed_origins: string[];
}
