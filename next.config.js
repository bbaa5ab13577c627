/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/Node-only packages stay outside the server bundles.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "prom-client"],
};

export default nextConfig;
