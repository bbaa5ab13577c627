/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/Node-only packages stay outside the server bundles.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "prom-client"],
  async headers() {
    // Businesses embed the customer chat (/chat/<slug>) in their sites; nothing else may be framed (clickjacking).
    const noFraming = [
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
    ];
    return [{ source: "/:path((?!chat/).*)", headers: noFraming }];
  },
};

export default nextConfig;
