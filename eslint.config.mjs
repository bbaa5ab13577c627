import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ignores = { ignores: [".next/**", ".data/**", "node_modules/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] };

// ── Layers (docs/architecture.md, decision 010) ─────────────────────────────────────────────────
// Every top-level lib/ folder sits in one layer; scripts/check-layers.ts fails on a folder missing here.
export const LAYERS = {
  composition: ["composition"], // the app assembled from the factories below: only server.ts, worker.ts and tests import it
  domain: ["chat", "assistant", "dashboard", "knowledge", "agent", "auth", "security", "seed", "team", "setup", "replies", "tags", "conversations", "webhooks", "hours", "identity", "widget"], // business rules
  realtime: ["realtime"], // server-side Socket.IO transport: implements the domains' ports
  browser: ["browser"], // browser transport: the socket hook, the fetch client
  tenancy: ["tenancy"],
  contract: ["contract"], // the wire contract: zod schemas and types shared by server, browser and tests
  platform: ["db", "errors", "config", "observability", "http", "server", "llm", "mail", "files"],
};

const lib = (...names) => names.map((name) => `lib/${name}`);
const layersBut = (...layers) => Object.entries(LAYERS).flatMap(([layer, folders]) => (layers.includes(layer) ? [] : folders));
const anyOf = (names) => (names.length === 1 ? names[0] : `{${names.join(",")}}`);

// import/no-restricted-paths: an import resolved into `from` (minus `except`) from a file in `target` fails.
const zones = [
  {
    target: "lib",
    from: ["app", "components", "server.ts", "worker.ts", "scripts", "tests", "e2e"],
    message: "lib/ never imports routes, UI, the composition roots or tooling: take what you need as an argument.",
  },
  { target: ["app", "components"], from: ["server.ts", "worker.ts"], message: "Only the process imports the composition roots." },
  { target: "components", from: "app", message: "UI never imports routes: move the shared piece into components/ or lib/." },
  {
    target: [...lib(...layersBut("composition")), "app", "components"],
    from: lib(...LAYERS.composition),
    message: "lib/composition is the top: only server.ts, worker.ts and tests assemble the app.",
  },
  {
    target: ["components", "app/**/*-client.tsx"],
    from: lib(...LAYERS.realtime),
    message: "Browser code reaches the server through lib/browser and the types in lib/contract, never the server transport.",
  },
  {
    target: lib(...LAYERS.domain),
    from: lib(...LAYERS.realtime),
    message: "A domain never imports the Socket.IO transport: declare a port in the domain and let lib/realtime implement it.",
  },
  {
    target: `lib/${anyOf(LAYERS.domain)}/**/!(*.client).{ts,tsx}`,
    from: "lib/browser/**",
    message: "Only a domain's *.client.ts(x) files may use the browser transport.",
  },
  {
    target: lib(...LAYERS.realtime, ...LAYERS.platform), // tenancy and contract: by their own lists below
    from: lib(...LAYERS.browser),
    message: "lib/browser is browser transport: only UI, routes and domain *.client files use it.",
  },
  {
    target: lib(...LAYERS.browser),
    from: "lib",
    except: ["./browser", "./contract", "./errors", "./db/generated/enums.ts"],
    message: "lib/browser imports only lib/contract and lib/errors.",
  },
  {
    target: lib(...LAYERS.contract),
    from: "lib",
    except: ["./contract", "./errors", "./db/generated/enums.ts"],
    message: "lib/contract imports only zod, lib/errors and lib/db/generated/enums.",
  },
  {
    target: lib(...LAYERS.tenancy),
    from: "lib",
    except: ["./tenancy", "./db", "./errors", "./contract"],
    message: "lib/tenancy imports only lib/db, lib/errors and lib/contract.",
  },
  {
    target: lib(...LAYERS.platform),
    from: lib(...LAYERS.domain, ...LAYERS.realtime, ...LAYERS.browser, ...LAYERS.tenancy),
    message: "Platform (db, errors, config, observability, http, server, llm, mail) never imports a domain, tenancy or a transport.",
  },
  { target: "**/*.server.{ts,tsx}", from: "**/*.client.{ts,tsx}", message: "Server-only code never imports browser-only code." },
];

/** The import-boundary rules, alone: switched on below when the refactor lands; `npm run lint:layers` runs them now. */
export const layerRules = [
  {
    name: "switchboard/layers",
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "server.ts", "worker.ts"],
    rules: { "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones }] },
  },
  {
    name: "switchboard/layers/contract",
    files: ["lib/contract/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"], // unit tests beside it use node:test
    rules: {
      // Project paths are judged by the zones above; of packages, only zod.
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(?!zod(/|$)|\\.|@/)", message: "lib/contract imports only zod (and lib/errors, the generated enums)." }] }],
    },
  },
];

/** What scripts/check-layers.ts lints with: Next's parsers, plugins and resolver settings, and no rule but the layers. */
export const layerLintConfig = [ignores, ...[...nextVitals, ...nextTs].map(({ rules: _rules, ...rest }) => rest), ...layerRules, { linterOptions: { reportUnusedDisableDirectives: "off" } }];

const config = [
  ignores,
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Server-only modules (*.server.ts) must never reach the browser bundle.
    files: ["components/**/*.{ts,tsx}", "**/*.client.{ts,tsx}", "app/**/*-client.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/*.server", "@/lib/**/*.server"], message: "Server-only module imported from client code." }] }],
    },
  },
  // The layers (docs/architecture.md); folder cycles are checked by `npm run lint:cycles`, part of `npm run lint`.
  ...layerRules,
];

export default config;
