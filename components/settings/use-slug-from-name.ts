"use client";

import { useState } from "react";
import { slugFromName } from "@/lib/contract/businesses";

/** A business name and its public slug: the slug follows the name (slugFromName) until the person edits the slug field. */
export function useSlugFromName(initialName = "") {
  const [name, setName] = useState(initialName);
  const [editedSlug, setSlug] = useState<string | null>(null);
  return { name, setName, slug: editedSlug ?? slugFromName(name), setSlug, slugEdited: editedSlug !== null };
}
