"use client";
import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { MagicLinkForm } from "./magic-link-form";

/** Sign in without leaving the page: a magic link that brings the buyer back to `returnTo`. */
export function InlineSignIn({ returnTo, localMode }: { returnTo: string; localMode: boolean }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) {
    return (
      <div className="text-center">
        <MailCheck className="mx-auto size-8 text-brand-700" aria-hidden />
        <p className="mt-3 text-sm text-gray-700">
          We sent a sign-in link to <strong>{sentTo}</strong>. Open it to come back here and reserve your seat.
        </p>
        {localMode && (
          <p className="mt-3 text-sm">
            <Link href="/dev/mailbox" className="font-medium text-brand-700 underline">
              Open the dev mailbox
            </Link>
          </p>
        )}
      </div>
    );
  }
  return <MagicLinkForm id="inline-email" label="Email" returnTo={returnTo} onSent={setSentTo} />;
}
