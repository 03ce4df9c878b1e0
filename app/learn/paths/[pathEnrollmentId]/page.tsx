import { convexAuthNextjsToken } from "@convex-dev/auth/nextjs/server";
import { preloadQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { MyPath } from "@/components/paths/my-path";
import { api } from "@/convex/_generated/api";

export const metadata: Metadata = { title: "My learning path" };

/** Rendered with the learner's path on the server, then kept live: steps open as certificates arrive. */
export default async function MyPathPage({ params }: { params: Promise<{ pathEnrollmentId: string }> }) {
  const { pathEnrollmentId } = await params;
  const token = await convexAuthNextjsToken();
  const preloaded = await preloadQuery(api.paths.following.get, { pathEnrollmentId }, { token });
  return <MyPath preloaded={preloaded} />;
}
