"use client";

import { useMemo, useState } from "react";
import { CopyLink } from "@/components/settings/copy-link";
import { RelativeTime } from "@/components/settings/relative-time";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import type { IdentityStatusWire } from "@/lib/contract/identity";
import { identityApi } from "@/lib/identity/api.client";

/**
 * The identity secret: whether there is one, and Create/Rotate. A new secret is shown once, here,
 * right after it is made; a rotation invalidates every user_hash made with the old one.
 */
export function IdentitySecretCard({ companyId, initial }: { companyId: string; initial: IdentityStatusWire }) {
  const api = useMemo(() => identityApi(companyId), [companyId]);
  const [status, setStatus] = useState(initial);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function rotate() {
    setPending(true);
    setError(null);
    try {
      const created = await api.rotateSecret();
      setSecret(created.secret);
      setStatus({ configured: created.configured, created_at: created.created_at });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The secret could not be made. Please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card
      headingId="identity-heading"
      title="Identity verification"
      description="Your server signs each signed-in user's id with this secret (user_hash = HMAC-SHA256(secret, external_id)); verified customers see their past conversations on any device. See docs/integrations.md."
    >
      <div className="flex flex-col gap-3">
        <p className="text-sm text-slate-700">
          {status.configured && status.created_at ? (
            <>
              A secret is set, made <RelativeTime at={status.created_at} />.
            </>
          ) : (
            "No secret yet: every customer of the widget is anonymous."
          )}
        </p>
        {status.configured ? (
          <p className="text-sm text-amber-800">
            Rotating makes a new secret at once: hashes made with the old one stop verifying (those customers chat anonymously) until your server uses the new one.
          </p>
        ) : null}
        {secret ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
            <p className="mb-2 text-sm font-medium text-amber-900">Copy this secret to your server now: it is not shown again. Keep it out of your pages&apos; code.</p>
            <CopyLink label="Identity secret" url={secret} focusOnMount />
          </div>
        ) : null}
        <FormError message={error} />
        <div>
          <Button type="button" variant={status.configured ? "secondary" : "primary"} disabled={pending} onClick={() => void rotate()}>
            {pending ? "Making a secret…" : status.configured ? "Rotate secret" : "Create secret"}
          </Button>
        </div>
      </div>
    </Card>
  );
}
