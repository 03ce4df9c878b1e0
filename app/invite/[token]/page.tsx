import { preloadQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { InviteAccept } from "@/components/org/invite-accept";
import { api } from "@/convex/_generated/api";

// A personal link: never listed or followed by search engines.
export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // The preview names no caller, so no token is sent; who is signed in is settled in the browser.
  const preloadedPreview = await preloadQuery(api.organizations.invites.preview, { token });
  return <InviteAccept token={token} preloadedPreview={preloadedPreview} />;
}
