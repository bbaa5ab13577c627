"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { AgentWire } from "@/lib/contract/staff";

/** Hands the chat to a colleague who is not offline. */
export function TransferControl({ candidates, onTransfer }: { candidates: AgentWire[]; onTransfer: (agentId: string) => void }) {
  const id = useId();
  const [chosen, setChosen] = useState("");
  // A colleague who went offline since being chosen can no longer be picked.
  const target = candidates.some((agent) => agent.id === chosen) ? chosen : "";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (target) onTransfer(target);
  }

  return (
    <form onSubmit={submit} className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Transfer to
      </label>
      <select
        id={id}
        value={target}
        onChange={(event) => setChosen(event.target.value)}
        disabled={candidates.length === 0}
        className="max-w-44 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
      >
        <option value="">{candidates.length === 0 ? "Nobody available" : "Transfer to…"}</option>
        {candidates.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.display_name} ({agent.status === "ONLINE" ? "online" : "away"})
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={!target} className="px-3 py-1.5">
        Transfer
      </Button>
    </form>
  );
}
