import { fetchJson } from "../browser/fetch-json";
import type { SetupDoneWire, SetupInput } from "../contract/businesses";

/** `POST /api/v1/setup`: the first owner and business. Throws ApiError (404 `not_found` when someone else finished setup first). */
export const submitSetup = (input: SetupInput) => fetchJson<SetupDoneWire>("/api/v1/setup", { method: "POST", body: input });
