import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Mailbox } from "@/components/dev/mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };

/** Exists only in local mode (no Resend key); the Convex query refuses otherwise too. */
export default function DevMailboxPage() {
  if (process.env.NEXT_PUBLIC_LOCAL_MODE !== "1") notFound();
  return <Mailbox />;
}
