/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/Node-only packages stay outside the server bundles.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "prom-client"],
  // Security headers (CSP with a per-request nonce, framing) come from the custom server in front of
  // Next: lib/server/security-headers.server.ts.
};

export default nextConfig;
