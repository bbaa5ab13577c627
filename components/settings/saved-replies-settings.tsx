"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { Card } from "@/components/ui/card";
import { StaffHeader } from "@/components/ui/staff-header";
import { savedRepliesApi } from "@/lib/replies/api.client";
import { TEMPLATE_VARIABLES } from "@/lib/replies/template";
import type { BusinessSettingsWire, BusinessSummaryWire } from "@/lib/contract/businesses";
import type { SavedReplyInput, SavedReplyWire } from "@/lib/contract/saved-replies";
import { SavedReplyForm } from "./saved-reply-form";
import { SavedReplyItem } from "./saved-reply-item";

interface Props {
  businesses: BusinessSummaryWire[];
  business: BusinessSettingsWire;
  initialReplies: SavedReplyWire[];
}

const byShortcut = (a: SavedReplyWire, b: SavedReplyWire) => a.shortcut.localeCompare(b.shortcut);

/** The /settings/saved-replies page of one business: the variables, a new reply, and the replies agents pick with "/". */
export function SavedRepliesSettings({ businesses, business, initialReplies }: Props) {
  const router = useRouter();
  const api = useMemo(() => savedRepliesApi(business.id), [business.id]);
  const [replies, setReplies] = useState(initialReplies);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const replace = (reply: SavedReplyWire) => setReplies((current) => [...current.filter((r) => r.id !== reply.id), reply].sort(byShortcut));
  // Re-render the server paint too, so coming back to this page (browser Back) shows the change.
  const changed = (message: string) => {
    setAnnouncement(message);
    router.refresh();
  };

  async function create(input: SavedReplyInput) {
    const reply = await api.create(input);
    replace(reply);
    changed(`Added “${reply.title}” (/${reply.shortcut}).`);
  }

  async function update(id: string, input: SavedReplyInput) {
    const reply = await api.update(id, input);
    replace(reply);
    changed(`Saved “${reply.title}” (/${reply.shortcut}).`);
  }

  async function attach(reply: SavedReplyWire, file: File, onProgress: (fraction: number) => void) {
    const updated = await api.attachFile(reply.id, file, onProgress);
    replace(updated);
    changed(`Attached ${updated.attachment?.file_name ?? file.name} to “${updated.title}”.`);
  }

  async function removeFile(reply: SavedReplyWire) {
    const updated = await api.removeFile(reply.id);
    replace(updated);
    changed(`Removed the file from “${updated.title}”.`);
  }

  async function remove(reply: SavedReplyWire) {
    await api.remove(reply.id);
    setReplies((current) => current.filter((r) => r.id !== reply.id));
    changed(`Deleted “${reply.title}”.`);
    // The focused button is gone with its reply.
    listHeading.current?.focus();
  }

  return (
    <div className="min-h-screen">
      <StaffHeader current="/settings/saved-replies" business={business} businesses={businesses} isDemo={business.is_demo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Saved replies</h1>
          <p className="mt-1 text-sm text-slate-600">
            Answers {business.name}&apos;s agents send again and again. In a reply, an agent types / and a few letters of the shortcut or title, picks one with the arrow keys and Enter, and checks it
            before sending.
          </p>
        </div>
        <Card
          headingId="variables-heading"
          title="Variables"
          description="Filled in from the conversation when an agent picks the reply. One without a value (a customer who gave no email) is shown to the agent to replace, never sent blank."
        >
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            {TEMPLATE_VARIABLES.map((variable) => (
              <div key={variable.name} className="contents">
                <dt className="font-mono text-slate-900">{`{{${variable.name}}}`}</dt>
                <dd className="mb-1 text-slate-600 sm:mb-0">{variable.description}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card headingId="new-reply-heading" title="New saved reply">
          <SavedReplyForm submitLabel="Add saved reply" onSubmit={create} />
        </Card>
        <section aria-labelledby="replies-heading">
          <h2 id="replies-heading" ref={listHeading} tabIndex={-1} className="mb-3 rounded text-lg font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
            Saved replies ({replies.length})
          </h2>
          <p role="status" className="sr-only">
            {announcement}
          </p>
          {replies.length === 0 ? (
            <p className="text-sm text-slate-600">No saved replies yet: the first one you add is ready for every agent at once.</p>
          ) : (
            <ul aria-labelledby="replies-heading" className="flex flex-col gap-3">
              {replies.map((reply) => (
                <SavedReplyItem
                  key={reply.id}
                  reply={reply}
                  onSave={(input) => update(reply.id, input)}
                  onDelete={() => remove(reply)}
                  onAttach={(file, onProgress) => attach(reply, file, onProgress)}
                  onRemoveFile={() => removeFile(reply)}
                />
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
