"use client";
import { useAuthActions } from "@convex-dev/auth/react";
import { useConvex, useQuery, type ConvexReactClient } from "convex/react";
import { ConvexError } from "convex/values";
import { MailCheck, UserRound } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";
import { useSubmit } from "@/lib/use-submit";
import { MagicLinkForm } from "./magic-link-form";
import { FormError } from "@/components/ui/form-error";

/** Only same-site paths may be used as the post-sign-in destination. */
function safeNext(next: string | null) {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/learn";
}

/** A sign-in link carries the one-time code; other emails to the same person (reminders, invitations) do not. */
function isSignInLink(url: string | undefined): url is string {
  return url !== undefined && URL.canParse(url) && new URL(url).searchParams.has("code");
}

/**
 * Sends a magic link and returns it once it lands in the dev mailbox (local mode only). Email arrives a moment after
 * it is sent (Resend's queue, then the stand-in), so other emails to the same person may land in between.
 */
async function requestAndReadMagicLink(convex: ConvexReactClient, address: string, send: () => Promise<void>) {
  const requestedAt = Date.now();
  await send();
  for (let attempt = 0; attempt < 100; attempt++) {
    const emails = await convex.query(api.dev.mailbox.list, { to: address });
    const link = emails.find((e) => e.createdAt >= requestedAt - 1000 && isSignInLink(e.actionUrl))?.actionUrl;
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}

export function SignInForm() {
  const { signIn } = useAuthActions();
  const convex = useConvex();
  const options = useQuery(api.users.account.signInOptions);
  // Demo people exist only in local mode, which the deployment (not the browser) decides.
  const demoAccounts = useQuery(api.dev.demo.accounts, options?.localMode ? {} : "skip");
  const next = safeNext(useSearchParams().get("next"));
  const demo = useSubmit({
    errors: "inline",
    describeError: (error) =>
      error instanceof ConvexError ? errorMessage(error) : "We could not sign you in. Please try again.",
  });
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function sendLink(address: string) {
    await signIn("resend", { email: address, redirectTo: next });
  }

  /** Local mode: request a real magic link, then follow it from the dev mailbox (the button stays busy meanwhile). */
  function signInAsDemo(address: string) {
    void demo.run(
      async () => {
        const link = await requestAndReadMagicLink(convex, address, () => sendLink(address));
        if (!link) throw new ConvexError("The sign-in email did not arrive. Is the local backend running?");
        return link;
      },
      { key: address, keepPending: true, onSuccess: (link) => window.location.assign(link) },
    );
  }

  if (sentTo) {
    return (
      <Card className="p-8 text-center">
        <MailCheck className="mx-auto size-10 text-brand-700" aria-hidden />
        <h1 className="mt-4 text-xl font-semibold text-gray-900">Check your email</h1>
        <p className="mt-2 text-sm text-gray-700">
          We sent a sign-in link to <strong>{sentTo}</strong>. It works once and expires in 30 minutes.
        </p>
        {options?.localMode && (
          <p className="mt-4 text-sm text-gray-700">
            Local mode: emails are not sent. Open the{" "}
            <Link href="/dev/mailbox" className="font-medium text-brand-700 underline">
              dev mailbox
            </Link>{" "}
            to follow the link.
          </p>
        )}
        <Button variant="ghost" className="mt-6" onClick={() => setSentTo(null)}>
          Use another address
        </Button>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      <Card className="p-8">
        <h1 className="text-xl font-semibold text-gray-900">Sign in</h1>
        <p className="mt-1 text-sm text-gray-600">We email you a link — no password to remember.</p>
        <div className="mt-6">
          <MagicLinkForm id="email" label="Work or personal email" returnTo={next} onSent={setSentTo} />
        </div>
        {options?.google && (
          <>
            <div className="my-5 flex items-center gap-3 text-xs text-gray-500">
              <span className="h-px flex-1 bg-gray-200" /> or <span className="h-px flex-1 bg-gray-200" />
            </div>
            <Button variant="secondary" className="w-full" onClick={() => void signIn("google", { redirectTo: next })}>
              Continue with Google
            </Button>
          </>
        )}
      </Card>
      {options === undefined ? (
        <Skeleton className="h-40" />
      ) : (
        options.localMode && (
          <Card className="p-6">
            <h2 className="text-sm font-semibold text-gray-900">Local mode: sign in as a demo person</h2>
            <p className="mt-1 text-xs text-gray-600">
              Each button sends a real magic link to the dev mailbox and follows it.
            </p>
            {demo.error && <FormError className="mt-2">{demo.error}</FormError>}
            <ul className="mt-4 grid gap-2 sm:grid-cols-2">
              {(demoAccounts ?? []).map((account) => (
                <li key={account.email}>
                  <Button
                    variant="secondary"
                    className="h-auto w-full justify-start py-2 text-left"
                    loading={demo.isPending(account.email)}
                    disabled={demo.pending}
                    onClick={() => signInAsDemo(account.email)}
                  >
                    <UserRound className="size-4 shrink-0 text-gray-500" aria-hidden />
                    <span className="flex flex-col">
                      <span className="text-sm text-gray-900">{account.name}</span>
                      <span className="text-xs font-normal text-gray-600">{account.label}</span>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
        )
      )}
    </div>
  );
}
