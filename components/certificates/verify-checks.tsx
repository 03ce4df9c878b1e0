"use client";
import { CheckCircle2, ShieldCheck, ShieldX, XCircle } from "lucide-react";
import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

export type Verification = FunctionReturnType<typeof api.certificates.verify.verifyCredentialJson>;

const LABEL = { structure: "Structure", signature: "Signature", issuer: "Issuer", record: "Our records", dates: "Validity dates", status: "Revocation status" } as const;

/** One line per check, as the verifier answered it. */
export function VerifyChecks({ result, label }: { result: Verification; label: string }) {
  return (
    <div>
      <p className="text-sm font-semibold text-gray-900">{label}</p>
      <ul className="mt-2 space-y-1.5" aria-label={label}>
        {result.checks.map((check) => (
          <li key={check.check} className="flex items-start gap-2 text-sm" data-testid={`check-${check.check}`}>
            {check.ok ? <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden /> : <XCircle className="mt-0.5 size-4 shrink-0 text-red-700" aria-hidden />}
            <span className="min-w-0 [overflow-wrap:anywhere]">
              <span className="font-medium text-gray-900">{LABEL[check.check]}:</span> <span className="text-gray-700">{check.message}</span>
              <span className="sr-only">{check.ok ? " (passed)" : " (failed)"}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The answer in one sentence, led by who issued it: a credential this academy did not sign is said to be
 * "not issued by" it, whatever name it carries.
 */
export function verdict(result: Verification, academyName: string) {
  if (result.verified) return { ok: true, title: `Issued by ${academyName}, and it verifies.`, detail: null };
  if (!result.issuedByAcademy) {
    return {
      ok: false,
      title: `Not issued by ${academyName}.`,
      detail: result.signer ? `It is validly signed by ${result.signer}, which is not this academy, whatever issuer name it shows.` : "Its signature could not be verified as this academy's.",
    };
  }
  return { ok: false, title: `Issued by ${academyName}, but it does not hold now.`, detail: "See the checks below for what failed." };
}

/** The verdict as a heading line over the checks. */
export function VerifyVerdict({ result, academyName }: { result: Verification; academyName: string }) {
  const { ok, title, detail } = verdict(result, academyName);
  const Icon = ok ? ShieldCheck : ShieldX;
  return (
    <div className={`flex items-start gap-2 rounded-md border p-3 ${ok ? "border-green-200 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-900"}`} data-testid="verdict">
      <Icon className="mt-0.5 size-5 shrink-0" aria-hidden />
      <div className="min-w-0 text-sm [overflow-wrap:anywhere]">
        <p className="font-semibold">{title}</p>
        {detail && <p>{detail}</p>}
      </div>
    </div>
  );
}
