"use client";
import { CheckCircle2, Circle, ShieldCheck, ShieldX, XCircle } from "lucide-react";
import type { FunctionReturnType } from "convex/server";
import type { ReactNode } from "react";
import type { api } from "@/convex/_generated/api";
import { cn } from "@/lib/utils";

export type Verification = FunctionReturnType<typeof api.certificates.verify.verifyCredentialJson>;

const LABEL = {
  structure: "Structure",
  signature: "Signature",
  issuer: "Issuer",
  record: "Our records",
  dates: "Validity dates",
  status: "Revocation status",
} as const;
type CheckName = keyof typeof LABEL;

/** The checks each verifier answers, in its order: only the server compares with our records. */
export const SERVER_CHECKS: CheckName[] = ["structure", "signature", "issuer", "record", "dates", "status"];
export const BROWSER_CHECKS: CheckName[] = ["structure", "signature", "issuer", "dates", "status"];

/** A check under way, its answer, or why there is none. */
export type CheckOutcome =
  { status: "checking" } | { status: "done"; result: Verification } | { status: "failed"; message: string };

/**
 * Lines held for each check's row, pending or answered, at the width the lists have (the card's). An identifier (a
 * DID, a credential's urn:uuid) starts a line of its own, so a row naming one takes exactly two lines from a tablet up
 * whatever font the visitor's browser ends up with (Inter, or a wider fallback such as DejaVu Sans), and up to four
 * on a phone (measured at 360–1280 px in both). A row keeps its height when the answer arrives, so nothing below it
 * moves; a shorter answer leaves a blank line rather than pulling the page up.
 */
const ROW_LINES: Record<CheckName, string> = {
  structure: "min-h-[3lh] min-[380px]:min-h-[2lh] md:min-h-[1lh]",
  signature: "min-h-[4lh] sm:min-h-[2lh]",
  issuer: "min-h-[4lh] sm:min-h-[2lh]",
  record: "min-h-[4lh] sm:min-h-[2lh]",
  dates: "min-h-[2lh] sm:min-h-[1lh]",
  status: "min-h-[2lh] min-[380px]:min-h-[1lh]",
};

/** An answer split before the first identifier it names (with its opening parenthesis), which then starts a line. */
export function splitAtIdentifier(message: string): [string, string | null] {
  const at = message.search(/\(?(?:did:|urn:uuid:)/);
  if (at <= 0) return [message, null];
  return [message.slice(0, at).trimEnd(), message.slice(at)];
}

/** Where a verifier's answer appears: its checks by name while it runs, then its answers, in the same rows. */
export function CheckSlot({
  outcome,
  label,
  checks,
  retry,
}: {
  outcome: CheckOutcome;
  label: string;
  checks: CheckName[];
  retry?: ReactNode;
}) {
  if (outcome.status === "done") return <VerifyChecks result={outcome.result} label={label} />;
  if (outcome.status === "failed") {
    return (
      <div>
        <p className="text-sm font-semibold text-gray-900">{label}</p>
        <p className="mt-2 text-sm text-red-700">{outcome.message}</p>
        {retry}
      </div>
    );
  }
  return <PendingChecks label={label} checks={checks} />;
}

/** The checks about to be answered, by name. */
export function PendingChecks({ label, checks }: { label: string; checks: CheckName[] }) {
  return (
    <div aria-busy>
      <p className="text-sm font-semibold text-gray-900">{label}</p>
      <ul className="mt-2 space-y-1.5" aria-label={`${label} (in progress)`}>
        {checks.map((check) => (
          <li key={check} className={`flex items-start gap-2 text-sm ${ROW_LINES[check]}`}>
            <Circle className="mt-0.5 size-4 shrink-0 animate-pulse text-gray-400" aria-hidden />
            <span>
              <span className="font-medium text-gray-900">{LABEL[check]}:</span>{" "}
              <span className="text-gray-600">checking…</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One line per check, as the verifier answered it. */
export function VerifyChecks({ result, label }: { result: Verification; label: string }) {
  return (
    <div>
      <p className="text-sm font-semibold text-gray-900">{label}</p>
      <ul className="mt-2 space-y-1.5" aria-label={label}>
        {result.checks.map((check) => (
          <li
            key={check.check}
            className={`flex items-start gap-2 text-sm ${ROW_LINES[check.check]}`}
            data-testid={`check-${check.check}`}
          >
            {check.ok ? (
              <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden />
            ) : (
              <XCircle className="mt-0.5 size-4 shrink-0 text-red-700" aria-hidden />
            )}
            <span className="min-w-0 [overflow-wrap:anywhere]">
              <span className="font-medium text-gray-900">{LABEL[check.check]}:</span>{" "}
              <CheckMessage message={check.message} />
              <span className="sr-only">{check.ok ? " (passed)" : " (failed)"}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A check's answer, any identifier it names on a line of its own. */
function CheckMessage({ message }: { message: string }) {
  const [sentence, identifier] = splitAtIdentifier(message);
  return (
    <span className="text-gray-700">
      {sentence}
      {identifier && (
        <>
          {" "}
          <span className="block">{identifier}</span>
        </>
      )}
    </span>
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
      detail: result.signer
        ? `It is validly signed by ${result.signer}, which is not this academy, whatever issuer name it shows.`
        : "Its signature could not be verified as this academy's.",
    };
  }
  return {
    ok: false,
    title: `Issued by ${academyName}, but it does not hold now.`,
    detail: "See the checks below for what failed.",
  };
}

/** The verdict as a heading line over the checks. */
export function VerifyVerdict({ result, academyName }: { result: Verification; academyName: string }) {
  const { ok, title, detail } = verdict(result, academyName);
  const Icon = ok ? ShieldCheck : ShieldX;
  return (
    <div
      className={cn(
        "flex min-h-[4.125rem] items-start gap-2 rounded-md border p-3 sm:min-h-[2.875rem]",
        ok ? "border-green-200 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-900",
      )}
      data-testid="verdict"
    >
      <Icon className="mt-0.5 size-5 shrink-0" aria-hidden />
      <div className="min-w-0 text-sm [overflow-wrap:anywhere]">
        <p className="font-semibold">{title}</p>
        {detail && <p>{detail}</p>}
      </div>
    </div>
  );
}
