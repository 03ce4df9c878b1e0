import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Type errors are caught by `npm run typecheck`; lint by `npm run lint`.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
