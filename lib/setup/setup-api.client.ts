import { fetchJson } from "../browser/fetch-json";
import type { SetupInput } from "../contract/businesses";

export interface SetupDoneWire {
  user_id: string;
  business_id: string;
}

/** `POST /api/v1/setup`: the first owner and business. Throws ApiError (404 `not_found` when someone else finished setup first). */
export const submitSetup = (input: SetupInput) => fetchJson<SetupDoneWire>("/api/v1/setup", { method: "POST", body: input });
