import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fillTemplate, placeholdersIn, unfilledPlaceholders, unknownVariables, type TemplateContext } from "./template";

const full: TemplateContext = { customer: { name: "Dana Fox", email: "dana@example.com" }, agent: { name: "Liam" }, business: { name: "Acme Support" } };
const noEmail: TemplateContext = { ...full, customer: { name: "Dana Fox", email: null } };

describe("fillTemplate", () => {
  it("fills every known variable from the conversation", () => {
    assert.deepEqual(fillTemplate("Hi {{customer.name}}, {{agent.name}} from {{business.name}} here. We'll write to {{customer.email}}.", full), {
      text: "Hi Dana Fox, Liam from Acme Support here. We'll write to dana@example.com.",
      unknown: [],
      empty: [],
    });
  });

  it("tolerates spaces inside the braces and any letter case", () => {
    assert.equal(fillTemplate("Hi {{ customer.name }} / {{Customer.Name}} / {{  BUSINESS.NAME\t}}", full).text, "Hi Dana Fox / Dana Fox / Acme Support");
  });

  it("keeps a variable without a value as written and reports it, never a blank", () => {
    const filled = fillTemplate("Hi {{customer.name}}, we'll email {{ customer.email }}.", noEmail);
    assert.equal(filled.text, "Hi Dana Fox, we'll email {{ customer.email }}.");
    assert.deepEqual(filled.empty, ["customer.email"]);
    assert.deepEqual(fillTemplate("Hi {{customer.name}}", { ...full, customer: { name: "   ", email: null } }).empty, ["customer.name"]);
  });

  it("keeps an unknown variable as written and reports it once", () => {
    const filled = fillTemplate("Order {{order.id}} ({{ order.id }}) for {{customer.name}}: {{}}", full);
    assert.equal(filled.text, "Order {{order.id}} ({{ order.id }}) for Dana Fox: {{}}");
    assert.deepEqual(filled.unknown, ["order.id", ""]);
    assert.deepEqual(filled.empty, []);
  });

  it("leaves text without placeholders alone, single braces and $-patterns in values included", () => {
    assert.deepEqual(fillTemplate("Use {braces} and }} {{ as you like", full), { text: "Use {braces} and }} {{ as you like", unknown: [], empty: [] });
    assert.equal(fillTemplate("Hi {{customer.name}}", { ...full, customer: { name: "$& $1 $$", email: null } }).text, "Hi $& $1 $$");
  });
});

describe("placeholders in a draft", () => {
  it("finds each placeholder with its position", () => {
    assert.deepEqual(placeholdersIn("a {{ x }} b {{customer.name}}"), [
      { text: "{{ x }}", name: "x", index: 2 },
      { text: "{{customer.name}}", name: "customer.name", index: 12 },
    ]);
  });

  it("says why each one is unfilled: unknown, no value here, or typed by hand", () => {
    assert.deepEqual(
      unfilledPlaceholders("{{order.id}} {{customer.email}} {{agent.name}}", noEmail).map((p) => [p.name, p.reason]),
      [
        ["order.id", "unknown"],
        ["customer.email", "empty"],
        ["agent.name", "typed"],
      ],
    );
    assert.deepEqual(unfilledPlaceholders("Thanks, all done!", noEmail), []);
  });

  it("lists the unknown variables of a saved reply's body for its editor", () => {
    assert.deepEqual(unknownVariables("{{customer.name}} {{ Order.Id }} {{order.id}} {{agent.name}} {{ticket}}"), ["order.id", "ticket"]);
  });
});
