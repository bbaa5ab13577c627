import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  { ignores: [".next/**", ".data/**", "node_modules/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
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
];

export default config;
