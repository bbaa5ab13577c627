"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useItemEditing } from "@/components/ui/editable-item";
import { FormError } from "@/components/ui/form-error";
import { StaffHeader } from "@/components/ui/staff-header";
import type { BusinessSettingsWire, BusinessSummaryWire } from "@/lib/contract/businesses";
import { byTagName, type TagListEntry } from "@/lib/contract/tags";
import { tagsApi, type TagsApi } from "@/lib/tags/api.client";
import { TagChip } from "./tag-chip";
import { TagForm } from "./tag-form";

interface Props {
  businesses: BusinessSummaryWire[];
  business: BusinessSettingsWire;
  initialTags: TagListEntry[];
}

const chats = (count: number) => `${count} ${count === 1 ? "chat" : "chats"}`;

/** The /settings/tags page of one business: a new tag, and the list agents tag chats from (rename, recolour, delete). */
export function TagSettings({ businesses, business, initialTags }: Props) {
  const router = useRouter();
  const api = useMemo(() => tagsApi(business.id), [business.id]);
  const [tags, setTags] = useState(initialTags);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const replace = (tag: TagListEntry) => setTags((current) => [...current.filter((t) => t.id !== tag.id), tag].sort(byTagName));
  // Re-render the server paint too, so coming back to this page (browser Back) shows the change.
  const changed = (message: string) => {
    setAnnouncement(message);
    router.refresh();
    return message;
  };

  return (
    <div className="min-h-screen">
      <StaffHeader current="/settings/tags" business={business} businesses={businesses} isDemo={business.is_demo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Tags</h1>
          <p className="mt-1 text-sm text-slate-600">
            Labels for {business.name}&apos;s chats. Every member puts them on chats in the agent workspace and filters the queue and the dashboard by them; customers never see them.
          </p>
        </div>
        <Card headingId="new-tag-heading" title="New tag">
          <TagForm
            idPrefix="new-tag"
            submitLabel="Add tag"
            onSubmit={async (input) => {
              const tag = await api.create(input);
              replace(tag);
              return changed(`Added the tag “${tag.name}”.`);
            }}
          />
        </Card>
        <TagList
          tags={tags}
          api={api}
          announcement={announcement}
          headingRef={listHeading}
          onSaved={(tag) => (replace(tag), changed(`Saved the tag “${tag.name}”.`))}
          onDeleted={(tag) => {
            setTags((current) => current.filter((t) => t.id !== tag.id));
            changed(`Deleted the tag “${tag.name}”.`);
            // The focused button is gone with its tag.
            listHeading.current?.focus();
          }}
        />
      </main>
    </div>
  );
}

interface TagListProps {
  tags: TagListEntry[];
  api: TagsApi;
  announcement: string | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSaved: (tag: TagListEntry) => string;
  onDeleted: (tag: TagListEntry) => void;
}

function TagList({ tags, api, announcement, headingRef, onSaved, onDeleted }: TagListProps) {
  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading" ref={headingRef} tabIndex={-1} className="mb-3 rounded text-lg font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
        Tags ({tags.length})
      </h2>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {tags.length === 0 ? (
        <p className="text-sm text-slate-600">No tags yet: add the first above, e.g. “billing”, “bug” or “vip”.</p>
      ) : (
        <ul aria-labelledby="tags-heading" className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
          {tags.map((tag) => (
            <TagRow key={tag.id} tag={tag} api={api} onSaved={onSaved} onDeleted={() => onDeleted(tag)} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One tag: shown, edited in place, or its deletion confirmed (it comes off every chat). */
function TagRow({ tag, api, onSaved, onDeleted }: { tag: TagListEntry; api: TagsApi; onSaved: (tag: TagListEntry) => string; onDeleted: () => void }) {
  const { mode, edit, confirmDelete, backToView: toView, titleInput: nameInput, editButton, keepButton } = useItemEditing();
  const [error, setError] = useState<string | null>(null);

  const backToView = () => {
    setError(null);
    toView();
  };

  if (mode === "edit") {
    return (
      <li className="p-4">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">Edit “{tag.name}”</h3>
        <TagForm
          idPrefix={`edit-${tag.id}`}
          initial={{ name: tag.name, color: tag.color }}
          submitLabel="Save changes"
          nameRef={nameInput}
          onCancel={backToView}
          onSubmit={async (input) => {
            const message = onSaved(await api.update(tag.id, input));
            backToView();
            return message;
          }}
        />
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-2 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-3">
          <TagChip tag={tag} />
          <span className="text-xs text-slate-600">on {chats(tag.session_count)}</span>
        </div>
        {mode === "view" ? (
          <div className="flex gap-2">
            <Button ref={editButton} variant="secondary" className="px-3 py-1.5" onClick={edit} aria-label={`Edit the tag ${tag.name}`}>
              Edit
            </Button>
            <Button variant="secondary" className="px-3 py-1.5" onClick={confirmDelete} aria-label={`Delete the tag ${tag.name}`}>
              Delete
            </Button>
          </div>
        ) : null}
      </div>
      {mode === "confirm-delete" ? (
        <div role="group" aria-label={`Delete the tag ${tag.name}?`} className="flex flex-col gap-2 rounded-md bg-red-50 p-3">
          <p className="text-sm text-red-800">
            Delete “{tag.name}”? It comes off {chats(tag.session_count)}, and filters by it stop working.
          </p>
          <FormError message={error} />
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              className="px-3 py-1.5"
              onClick={async () => {
                try {
                  await api.remove(tag.id);
                  onDeleted();
                } catch (failure) {
                  setError(failure instanceof Error ? failure.message : "Deleting failed. Please try again.");
                }
              }}
            >
              Delete tag
            </Button>
            <Button ref={keepButton} variant="secondary" className="px-3 py-1.5" onClick={backToView}>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
