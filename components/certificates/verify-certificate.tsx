"use client";
import { useAction, usePreloadedQuery, type Preloaded } from "convex/react";
import { Award, BadgeCheck, Download, ExternalLink, Share2, ShieldAlert, ShieldCheck, ShieldX } from "lucide-react";
import { notFound } from "next/navigation";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useNow } from "@/lib/use-now";
import { errorMessage } from "@/lib/errors";
import { CERTIFICATE_NOUN, certificateState, credentialDate } from "./certificate-view";
import { BrowserCheck } from "./verify-browser-check";
import { CheckSlot, SERVER_CHECKS, type CheckOutcome } from "./verify-checks";
import { VerifyUpload } from "./verify-upload";

export type AcademyIssuer = { name: string; dids: string[] };

/**
 * The academy server's check of the credential as stored, re-run whenever it is revoked or the revocation list is
 * re-signed.
 */
function useServerCheck(
  publicId: string,
  view: { issueStatus: string; revokedAt?: number; statusListVersion: number } | null,
): CheckOutcome {
  const verifyStored = useAction(api.certificates.verify.verifyStored);
  const [outcome, setOutcome] = useState<CheckOutcome>({ status: "checking" });
  const issued = view?.issueStatus === "issued";
  const revokedAt = view?.revokedAt;
  const statusListVersion = view?.statusListVersion;
  useEffect(() => {
    if (!issued) return;
    let live = true;
    verifyStored({ publicId })
      .then(
        (result) =>
          live &&
          setOutcome(
            result
              ? { status: "done", result }
              : { status: "failed", message: "The academy has no signed credential under this link." },
          ),
      )
      .catch(
        (error: unknown) =>
          live &&
          setOutcome({
            status: "failed",
            message: `The verification service could not check it: ${errorMessage(error)}`,
          }),
      );
    return () => {
      live = false;
    };
  }, [publicId, issued, revokedAt, statusListVersion, verifyStored]);
  return outcome;
}

/**
 * The public page of one certificate: what it says and whether it holds, from the first HTML (our record, rendered
 * on the server), kept live (a revocation shows at once); then the server's cryptographic check, and on request the
 * same check in the visitor's browser.
 */
export function VerifyCertificate({
  publicId,
  preloaded,
  academy,
}: {
  publicId: string;
  preloaded: Preloaded<typeof api.certificates.verify.publicView>;
  academy: AcademyIssuer;
}) {
  const view = usePreloadedQuery(preloaded);
  const server = useServerCheck(publicId, view);
  const now = useNow(60_000);
  // Deleted while the page was open.
  if (view === null) notFound();
  const issued = view.issueStatus === "issued";
  // Our record says what was issued; the server's check says whether it is still this academy's signature.
  const notOurs = server.status === "done" && !server.result.issuedByAcademy;
  const state = notOurs ? "notOurs" : certificateState(view, now);
  const noun = CERTIFICATE_NOUN[view.kind];
  const banner = {
    valid: {
      icon: ShieldCheck,
      tone: "border-green-200 bg-green-50 text-green-900",
      title: `Valid ${noun}`,
      text: `Issued by ${view.issuerName} and not revoked.`,
    },
    expired: {
      icon: ShieldAlert,
      tone: "border-amber-200 bg-amber-50 text-amber-900",
      title: "Expired",
      text: `This ${noun} was valid until ${view.expiresAt ? credentialDate(view.expiresAt) : ""}.`,
    },
    revoked: {
      icon: ShieldX,
      tone: "border-red-200 bg-red-50 text-red-900",
      title: "Revoked",
      text:
        `${view.issuerName} revoked this ${noun}${view.revokedAt ? ` on ${credentialDate(view.revokedAt)}` : ""}. ` +
        `Reason: ${view.revocationReason ?? "not given"}.`,
    },
    pending: {
      icon: Award,
      tone: "border-brand-100 bg-brand-50 text-brand-800",
      title: "Being issued",
      text: "The signed credential is being prepared; this page updates by itself.",
    },
    notOurs: {
      icon: ShieldX,
      tone: "border-red-200 bg-red-50 text-red-900",
      title: `Not verified: not issued by ${academy.name}`,
      text: `The credential published here is ${
        server.status === "done" && server.result.signer
          ? `signed by ${server.result.signer}, which is not this academy's key`
          : "not validly signed by this academy"
      }. Do not rely on it.`,
    },
  }[state];
  const Icon = banner.icon;
  return (
    <div className="mx-auto max-w-[900px] px-4 py-10">
      <div
        className={`flex items-start gap-3 rounded-lg border p-4 ${banner.tone}`}
        role="status"
        data-testid="certificate-status"
      >
        <Icon className="mt-0.5 size-6 shrink-0" aria-hidden />
        <div className="min-w-0 [overflow-wrap:anywhere]">
          <p className="font-semibold">{banner.title}</p>
          <p className="text-sm">{banner.text}</p>
        </div>
      </div>
      <Card className="mt-6 p-6">
        <div className="flex flex-col gap-6 sm:flex-row">
          {issued ? (
            // The page's largest image: fetched first, at the size it is shown.
            <img
              src={view.imageUrl}
              alt={`${view.name} badge`}
              width={160}
              height={160}
              fetchPriority="high"
              className="size-40 shrink-0 self-center sm:self-start"
            />
          ) : (
            <Skeleton className="size-40 shrink-0 self-center rounded-full sm:self-start" />
          )}
          <div className="min-w-0">
            <Badge tone="brand">Open Badges 3.0</Badge>
            <h1 className="mt-2 text-2xl font-semibold text-gray-900">{view.name}</h1>
            <p className="mt-1 text-gray-700">
              Awarded to{" "}
              <span className="font-semibold text-gray-900" data-testid="recipient">
                {view.recipientName}
              </span>
              {view.cohortName ? ` · ${view.cohortName}` : ""}
            </p>
            <p className="mt-3 text-sm text-gray-700">{view.description}</p>
            <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-gray-600">Issuer</dt>
                <dd className="font-medium text-gray-900">{view.issuerName}</dd>
              </div>
              <div>
                <dt className="text-gray-600">Issued</dt>
                <dd className="font-medium text-gray-900">{credentialDate(view.issuedAt)}</dd>
              </div>
              <div>
                <dt className="text-gray-600">Valid until</dt>
                <dd className="font-medium text-gray-900">
                  {view.expiresAt ? credentialDate(view.expiresAt) : "Does not expire"}
                </dd>
              </div>
              <div>
                <dt className="text-gray-600">Criteria</dt>
                <dd className="text-gray-900">{view.criteria}</dd>
              </div>
            </dl>
            {view.issuerId && <p className="mt-3 text-xs break-all text-gray-600">Issuer identity: {view.issuerId}</p>}
          </div>
        </div>
        {issued && (
          <div className="mt-6 flex flex-wrap gap-2 border-t border-gray-100 pt-5">
            <Button asChild size="sm" variant="secondary">
              <a href={`${view.jsonUrl}/certificate.pdf`} target="_blank" rel="noopener noreferrer">
                <Download className="size-4" aria-hidden /> PDF
              </a>
            </Button>
            <Button asChild size="sm" variant="secondary">
              <a href={view.imageUrl} download>
                <Download className="size-4" aria-hidden /> Badge (PNG)
              </a>
            </Button>
            <Button asChild size="sm" variant="secondary">
              <a href={`${view.jsonUrl}/badge.svg`} download>
                <Download className="size-4" aria-hidden /> Badge (SVG)
              </a>
            </Button>
            <Button asChild size="sm" variant="secondary">
              <a href={view.jsonUrl} target="_blank" rel="noopener noreferrer">
                <ExternalLink className="size-4" aria-hidden /> Credential (JSON)
              </a>
            </Button>
            {state === "valid" && (
              <>
                <Button asChild size="sm">
                  <a href={view.linkedInAddUrl} target="_blank" rel="noopener noreferrer">
                    <BadgeCheck className="size-4" aria-hidden /> Add to LinkedIn profile
                  </a>
                </Button>
                <Button asChild size="sm" variant="secondary">
                  <a href={view.linkedInShareUrl} target="_blank" rel="noopener noreferrer">
                    <Share2 className="size-4" aria-hidden /> Share on LinkedIn
                  </a>
                </Button>
              </>
            )}
          </div>
        )}
      </Card>
      {issued && (
        <Card className="mt-6 p-6" data-testid="checks-card">
          <h2 className="text-base font-semibold text-gray-900">How this was checked</h2>
          <p className="mt-1 text-sm text-gray-600">
            Who signed it (only {academy.name}&apos;s own key counts, never the issuer name written in a credential),
            the signature (eddsa-rdfc-2022), the dates and the revocation list are checked independently of this
            page&apos;s text.
          </p>
          <div className="mt-4 space-y-6">
            <div className="min-w-0" data-testid="server-checks">
              <CheckSlot outcome={server} label="Checked by the academy's server" checks={SERVER_CHECKS} />
            </div>
            <div className="min-w-0" data-testid="browser-checks">
              <BrowserCheck
                jsonUrl={view.jsonUrl}
                academy={academy}
                recheckKey={`${view.revokedAt ?? ""}:${view.statusListVersion}`}
              />
            </div>
          </div>
        </Card>
      )}
      <div className="mt-6">
        <VerifyUpload academyName={academy.name} />
      </div>
    </div>
  );
}
