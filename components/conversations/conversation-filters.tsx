"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { selectClass } from "@/components/ui/select";
import { textLinkClass } from "@/components/ui/text-link";
import { CONVERSATION_OUTCOMES, SEARCH_MAX_LENGTH, type ConversationFilter } from "@/lib/contract/conversations";
import type { TagWire } from "@/lib/contract/tags";
import { OUTCOME_LABELS } from "@/lib/conversations/timeline-text";

const STATUS_LABELS = { CLOSED: "Closed", ABANDONED: "Left the queue", ACTIVE: "Active", WAITING: "Waiting", BOT: "With assistant" } as const;
const CSAT_CHOICES = [
  { value: "4,5", label: "Satisfied (4–5)" },
  { value: "3", label: "Neutral (3)" },
  { value: "1,2", label: "Dissatisfied (1–2)" },
  ...[5, 4, 3, 2, 1].map((score) => ({ value: String(score), label: `Exactly ${score}` })),
];

interface Props {
  companyId: string;
  filter: ConversationFilter;
  agents: { id: string; display_name: string }[];
  tags: TagWire[];
}

const labelClass = "flex flex-col text-sm font-medium text-slate-700";

/**
 * The search box and filters. A plain GET form (works without JavaScript); with it, empty fields
 * are left out of the address, so a view's URL is short enough to share.
 */
export function ConversationFilters({ companyId, filter, agents, tags }: Props) {
  const router = useRouter();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") query.set(key, value.trim());
    }
    router.push(`/conversations?${query}`);
  }
  const csat = filter.csat?.join(",") ?? "";
  return (
    <form role="search" aria-label="Conversations" action="/conversations" method="get" onSubmit={submit} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <input type="hidden" name="company_id" value={companyId} />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <label className={`${labelClass} grow`}>
          Search messages
          <input type="search" name="q" defaultValue={filter.q ?? ""} maxLength={SEARCH_MAX_LENGTH} placeholder={'Words, an order number, or "a phrase"'} className={inputClass} />
        </label>
        <Button type="submit">Search</Button>
      </div>
      <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="sr-only">Filters</legend>
        <label className={labelClass}>
          Status
          <select name="status" defaultValue={filter.status?.length === 1 ? filter.status[0] : ""} className={`${selectClass} mt-1`}>
            <option value="">Any status</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Agent
          <select name="agent_id" defaultValue={filter.agent_id ?? ""} className={`${selectClass} mt-1`}>
            <option value="">Any agent</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.display_name}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Tag
          <select name="tag" defaultValue={filter.tag ?? ""} className={`${selectClass} mt-1`}>
            <option value="">Any tag</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.name}>
                {tag.name}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Outcome
          <select name="outcome" defaultValue={filter.outcome ?? ""} className={`${selectClass} mt-1`}>
            <option value="">Any outcome</option>
            {CONVERSATION_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Rating
          <select name="csat" defaultValue={csat} className={`${selectClass} mt-1`}>
            <option value="">Any rating</option>
            {CSAT_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          From
          <input type="date" name="from" defaultValue={filter.from?.slice(0, 10) ?? ""} className={inputClass} />
        </label>
        <label className={labelClass}>
          To
          <input type="date" name="to" defaultValue={filter.to?.slice(0, 10) ?? ""} className={inputClass} />
        </label>
        <div className="flex items-end gap-3">
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          <a href={`/conversations?company_id=${encodeURIComponent(companyId)}`} className={`${textLinkClass} text-sm`}>
            Clear
          </a>
        </div>
      </fieldset>
    </form>
  );
}
