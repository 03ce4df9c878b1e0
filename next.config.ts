import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `npm run bench:web` builds into its own directory so the browser tests' build stays as it was.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Type errors are caught by `npm run typecheck`; lint by `npm run lint`.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
