"use client";
import { useAuthActions } from "@convex-dev/auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { errorCode, errorMessage } from "@/lib/errors";
import { useSubmit } from "@/lib/use-submit";

/** Our own refusals (rate limits, a blocked address) say what happened; anything else is the mail service. */
const describeError = (error: unknown) =>
  errorCode(error) ? errorMessage(error) : "We could not send the link. Please try again in a minute.";

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Email → magic link that returns the person to `returnTo`; reports the normalized address once sent. */
export function MagicLinkForm({
  id,
  label,
  returnTo,
  onSent,
}: {
  id: string;
  label: string;
  returnTo: string;
  onSent: (address: string) => void;
}) {
  const { signIn } = useAuthActions();
  const [email, setEmail] = useState("");
  const { pending: sending, error, setError, run } = useSubmit({ errors: "inline", describeError });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(address)) {
      setError("Enter an email address like name@company.com.");
      return;
    }
    void run(() => signIn("resend", { email: address, redirectTo: returnTo }), { onSuccess: () => onSent(address) });
  }

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <div className="space-y-1.5">
        <Label htmlFor={id}>{label}</Label>
        <Input
          id={id}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          placeholder="name@company.com"
        />
        {error && (
          <p id={`${id}-error`} className="text-sm text-red-700">
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
