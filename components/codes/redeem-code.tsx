"use client";
import { useMutation } from "convex/react";
import { ConvexError } from "convex/values";
import { CheckCircle2, TicketCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useSubmit } from "@/lib/use-submit";

type Redeemed = { courseTitle: string; cohortName: string; alreadyRedeemed: boolean };

/** /redeem: type (or follow a link with) an enrollment code and join its cohort. Signed-in only (proxy.ts). */
export function RedeemCode({ initialCode }: { initialCode: string }) {
  const redeem = useMutation(api.codes.enrollment.redeem);
  const { pending, error, handleSubmit } = useSubmit({ errors: "inline" });
  const [code, setCode] = useState(initialCode);
  const [redeemed, setRedeemed] = useState<Redeemed | null>(null);

  if (redeemed) {
    return (
      <div className="mx-auto max-w-[560px] px-4 py-12">
        <Card className="p-8">
          <CheckCircle2 className="size-10 text-green-700" aria-hidden />
          <h1 className="mt-3 text-xl font-semibold text-gray-900">
            {redeemed.alreadyRedeemed ? "You already used this code" : "You're in"}
          </h1>
          <p className="mt-2 text-gray-700">
            Your seat in <strong>{redeemed.cohortName}</strong> ({redeemed.courseTitle}) is confirmed. The schedule and
            materials are on your learning page.
          </p>
          <Button asChild className="mt-6">
            <Link href="/learn">Go to my learning</Link>
          </Button>
        </Card>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-[560px] px-4 py-12">
      <Card className="p-8">
        <TicketCheck className="size-8 text-brand-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">Redeem an enrollment code</h1>
        <p className="mt-2 text-gray-700">
          Your organization or the academy gave you a code for a cohort. Enter it to take your seat.
        </p>
        <form
          className="mt-6 space-y-4"
          onSubmit={handleSubmit(
            async () => {
              const result = await redeem({ code });
              // A code that does not work comes back as an answer (so the try counts); show it like any refusal.
              if (!result.ok) throw new ConvexError({ code: result.code, message: result.message });
              return result;
            },
            { onSuccess: (result) => setRedeemed(result) },
          )}
        >
          <Field id="enrollment-code" label="Enrollment code">
            <Input
              id="enrollment-code"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "enrollment-code-error" : undefined}
            />
          </Field>
          {error && (
            <p id="enrollment-code-error" role="alert" className="text-sm text-red-800">
              {error}
            </p>
          )}
          <Button type="submit" loading={pending}>
            Redeem code
          </Button>
        </form>
      </Card>
    </div>
  );
}
