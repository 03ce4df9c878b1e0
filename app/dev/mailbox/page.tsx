import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Mailbox } from "@/components/dev/mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };

/**
 * Shown only in local builds (NEXT_PUBLIC_LOCAL_MODE, a UI affordance); what
 * protects the mailbox is the Convex query, which refuses outside local mode.
 */
export default function DevMailboxPage() {
  if (process.env.NEXT_PUBLIC_LOCAL_MODE !== "1") notFound();
  return <Mailbox />;
}
