import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SavedReplyWire } from "../contract/saved-replies";
import { insertAtSlash, matchSavedReplies, slashQueryAt } from "./picker";

const reply = (shortcut: string, title: string, body = "Body"): SavedReplyWire => ({ id: shortcut, shortcut, title, body, attachment: null, created_at: "", updated_at: "" });

describe("slashQueryAt", () => {
  it("opens on a slash at the start or after whitespace, up to the caret", () => {
    assert.deepEqual(slashQueryAt("/", 1), { start: 0, end: 1, query: "" });
    assert.deepEqual(slashQueryAt("/Ref", 4), { start: 0, end: 4, query: "ref" });
    assert.deepEqual(slashQueryAt("Hi!\n/thanks later", 11), { start: 4, end: 11, query: "thanks" });
    assert.deepEqual(slashQueryAt("Hi /re and more", 6), { start: 3, end: 6, query: "re" });
  });

  it("stays closed for a slash inside a word or link, and once a space follows the query", () => {
    assert.equal(slashQueryAt("and/or", 6), null);
    assert.equal(slashQueryAt("see https://example.com/help", 28), null);
    assert.equal(slashQueryAt("/refund ", 8), null);
    assert.equal(slashQueryAt("no slash", 8), null);
    assert.equal(slashQueryAt("/refund", 0), null);
  });
});

describe("matchSavedReplies", () => {
  const replies = [
    reply("thanks", "Thank you for waiting"),
    reply("refund", "Refund policy", "Refunds take 5 days."),
    reply("ship", "Shipping times", "We ship in 2 days; refund if late."),
    reply("refund-eu", "EU refunds"),
    reply("hello", "Greeting", "Hi {{customer.name}}"),
    reply("lost", "Lost parcel"),
  ];
  const shortcuts = (query: string) => matchSavedReplies(replies, query).map((r) => r.shortcut);

  it("lists everything by shortcut for a bare slash", () => assert.deepEqual(shortcuts(""), ["hello", "lost", "refund", "refund-eu", "ship", "thanks"]));

  it("ranks the shortcut, then its beginning, then title words, then anywhere, then the body", () => {
    assert.deepEqual(shortcuts("refund"), ["refund", "refund-eu", "ship"]);
    assert.deepEqual(shortcuts("ref"), ["refund", "refund-eu", "ship"]);
    assert.deepEqual(shortcuts("parcel"), ["lost"]);
    assert.deepEqual(shortcuts("ing"), ["hello", "ship", "thanks"]);
    assert.deepEqual(shortcuts("customer"), ["hello"]);
    assert.deepEqual(shortcuts("nothing-like-it"), []);
  });

  it("matches case-insensitively and answers every match (the list shows the first few)", () => {
    assert.deepEqual(shortcuts("LOST"), ["lost"]);
    const many = Array.from({ length: 30 }, (_, i) => reply(`r${String(i).padStart(2, "0")}`, `Reply ${i}`));
    assert.equal(matchSavedReplies(many, "r").length, 30);
  });
});

describe("insertAtSlash", () => {
  it("replaces the slash and its query with the text, keeping the rest, and puts the caret after it", () => {
    const draft = "Hi! /ref and bye";
    const slash = slashQueryAt(draft, 8)!;
    assert.deepEqual(insertAtSlash(draft, slash, "Refunds take 5 days."), { draft: "Hi! Refunds take 5 days. and bye", caret: 24 });
  });
});
