"use client";
import { useAuthActions } from "@convex-dev/auth/react";
import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Sign in without leaving the page: a magic link that brings the buyer back to `returnTo`. */
export function InlineSignIn({ returnTo, localMode }: { returnTo: string; localMode: boolean }) {
  const { signIn } = useAuthActions();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(address)) {
      setError("Enter an email address like name@company.com.");
      return;
    }
    setSending(true);
    setError(null);
    try {
      await signIn("resend", { email: address, redirectTo: returnTo });
      setSentTo(address);
    } catch {
      setError("We could not send the link. Please try again in a minute.");
    } finally {
      setSending(false);
    }
  }

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
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="space-y-3" noValidate>
      <div className="space-y-1.5">
        <Label htmlFor="inline-email">Email</Label>
        <Input
          id="inline-email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "inline-email-error" : undefined}
          placeholder="name@company.com"
        />
        {error && (
          <p id="inline-email-error" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" className="w-full" loading={sending}>
        Email me a sign-in link
      </Button>
    </form>
  );
}
