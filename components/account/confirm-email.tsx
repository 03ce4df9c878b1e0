"use client";
import { useMutation } from "convex/react";
import { CheckCircle2, XCircle } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";

type Outcome = { state: "confirming" } | { state: "done"; email: string } | { state: "failed"; message: string };

/** /account/confirm-email/[token]: the link sent to a new address, opened by the signed-in account that asked. */
export function ConfirmEmail({ token }: { token: string }) {
  const confirm = useMutation(api.users.profile.confirmEmailChange);
  const [outcome, setOutcome] = useState<Outcome>({ state: "confirming" });
  const started = useRef(false);
  useEffect(() => {
    // Once per page view: opening the link is the confirmation.
    if (started.current) return;
    started.current = true;
    confirm({ token })
      .then(({ email }) => setOutcome({ state: "done", email }))
      .catch((error: unknown) => setOutcome({ state: "failed", message: errorMessage(error) }));
  }, [confirm, token]);
  return (
    <div className="mx-auto max-w-[560px] px-4 py-12">
      <Card className="p-8 text-center" role="status">
        {outcome.state === "confirming" ? (
          <div aria-busy className="space-y-3">
            <p className="text-sm text-gray-700">Confirming your new email address…</p>
            <Skeleton className="mx-auto h-10 w-40" />
          </div>
        ) : outcome.state === "done" ? (
          <>
            <CheckCircle2 className="mx-auto size-8 text-green-700" aria-hidden />
            <h1 className="mt-3 text-xl font-semibold text-gray-900">Email address changed</h1>
            <p className="mt-2 text-sm text-gray-700">
              Your account now signs in with <strong>{outcome.email}</strong>. We told your previous address.
            </p>
            <Button asChild className="mt-6">
              <Link href="/account">Back to your account</Link>
            </Button>
          </>
        ) : (
          <>
            <XCircle className="mx-auto size-8 text-red-600" aria-hidden />
            <h1 className="mt-3 text-xl font-semibold text-gray-900">The address was not changed</h1>
            <p className="mt-2 text-sm text-gray-700">{outcome.message}</p>
            <Button asChild variant="secondary" className="mt-6">
              <Link href="/account">Go to your account</Link>
            </Button>
          </>
        )}
      </Card>
    </div>
  );
}
