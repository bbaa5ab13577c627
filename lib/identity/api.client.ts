import { adminApiUrl, fetchJson } from "../browser/fetch-json";
import type { IdentitySecretWire } from "../contract/identity";

/** The identity secret API of one business, for /settings/widget. Failures throw ApiError. */
export function identityApi(companyId: string) {
  return {
    /** Creates or replaces the secret; the answer is the only time it is shown. */
    rotateSecret: () => fetchJson<IdentitySecretWire>(adminApiUrl("identity/secret", companyId), { method: "POST", body: {} }),
  };
}
