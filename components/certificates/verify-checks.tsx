"use client";
import { CheckCircle2, XCircle } from "lucide-react";
import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

export type Verification = FunctionReturnType<typeof api.certificates.verifyCredentialJson>;

const LABEL = { signature: "Signature", dates: "Validity dates", status: "Revocation status", schema: "Schema" } as const;

/** One line per check, as the verifier answered it. */
export function VerifyChecks({ result, label }: { result: Verification; label: string }) {
  return (
    <div>
      <p className="text-sm font-semibold text-gray-900">{label}</p>
      <ul className="mt-2 space-y-1.5" aria-label={label}>
        {result.checks.map((check) => (
          <li key={check.check} className="flex items-start gap-2 text-sm" data-testid={`check-${check.check}`}>
            {check.ok ? <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden /> : <XCircle className="mt-0.5 size-4 shrink-0 text-red-700" aria-hidden />}
            <span>
              <span className="font-medium text-gray-900">{LABEL[check.check]}:</span> <span className="text-gray-700">{check.message}</span>
              <span className="sr-only">{check.ok ? " (passed)" : " (failed)"}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
