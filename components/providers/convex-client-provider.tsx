"use client";
import { ConvexAuthNextjsProvider } from "@convex-dev/auth/nextjs";
import { ConvexReactClient } from "convex/react";
import { useEffect, type ReactNode } from "react";
import { initAnalytics } from "@/lib/posthog/client";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  useEffect(() => initAnalytics(), []);
  return <ConvexAuthNextjsProvider client={convex}>{children}</ConvexAuthNextjsProvider>;
}
