"use client";
import { useAction, useQuery } from "convex/react";
import { Award, BadgeCheck, Download, ExternalLink, Share2, ShieldAlert, ShieldCheck, ShieldX } from "lucide-react";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useNow } from "@/lib/use-now";
import { VerifyChecks, type Verification } from "./verify-checks";
import { VerifyUpload } from "./verify-upload";

const date = (ms: number) => new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric" }).format(ms);

/** The public page of one certificate: what it says, whether it holds, and how to share it. */
export function VerifyCertificate({ publicId }: { publicId: string }) {
  const view = useQuery(api.certificates.verify.publicView, { publicId });
  const academy = useQuery(api.certificates.verify.academyIssuer);
  const verifyStored = useAction(api.certificates.verify.verifyStored);
  const [server, setServer] = useState<Verification | null | undefined>(undefined);
  const [browser, setBrowser] = useState<Verification | null | undefined>(undefined);
  const now = useNow(60_000);
  const revokedAt = view?.revokedAt;
  const issued = view?.issueStatus === "issued";
  const jsonUrl = view?.jsonUrl;
  const statusListVersion = view?.statusListVersion;
  const academyName = academy?.name;
  const academyDids = academy?.dids.join(" ");
  useEffect(() => {
    if (!issued) return;
    let live = true;
    // Re-checked whenever the certificate is revoked or the revocation list is re-signed.
    verifyStored({ publicId })
      .then((result) => live && setServer(result))
      .catch(() => live && setServer(null));
    return () => {
      live = false;
    };
  }, [publicId, issued, revokedAt, statusListVersion, verifyStored]);
  useEffect(() => {
    if (!issued || !jsonUrl || academyName === undefined || academyDids === undefined) return;
    let live = true;
    // The same checks again, here in the browser, on the credential as published — against the issuer
    // our server names, never one the credential names.
    const pinned = { name: academyName, dids: academyDids.split(" "), statusListOrigin: new URL(jsonUrl).origin };
    Promise.all([fetch(jsonUrl).then((r) => r.text()), import("@/lib/credentials/verify-in-browser")])
      .then(([json, { verifyInBrowser }]) => verifyInBrowser(json, pinned))
      .then((result) => live && setBrowser(result))
      .catch(() => live && setBrowser(null));
    return () => {
      live = false;
    };
  }, [issued, revokedAt, statusListVersion, jsonUrl, academyName, academyDids]);

  if (view === undefined) {
    return (
      <div className="mx-auto max-w-[900px] px-4 py-10" aria-busy>
        <Skeleton className="h-80" />
      </div>
    );
  }
  if (view === null) {
    return (
      <div className="mx-auto max-w-[900px] px-4 py-10">
        <EmptyState icon={ShieldX} title="No certificate with this link" description="Check the link you were given, or upload the credential file below to verify it." />
        <div className="mt-6">
          <VerifyUpload />
        </div>
      </div>
    );
  }
  // Our record says what was issued; the server's check says whether it is still this academy's signature.
  const notOurs = server != null && !server.issuedByAcademy;
  const state = notOurs ? "notOurs" : view.revokedAt ? "revoked" : view.expiresAt && view.expiresAt < now ? "expired" : view.issueStatus !== "issued" ? "pending" : "valid";
  const noun = { course: "certificate", skill: "skill badge", path: "learning path certificate" }[view.kind];
  const banner = {
    valid: { icon: ShieldCheck, tone: "border-green-200 bg-green-50 text-green-900", title: `Valid ${noun}`, text: `Issued by ${view.issuerName} and not revoked.` },
    expired: { icon: ShieldAlert, tone: "border-amber-200 bg-amber-50 text-amber-900", title: "Expired", text: `This ${noun} was valid until ${view.expiresAt ? date(view.expiresAt) : ""}.` },
    revoked: { icon: ShieldX, tone: "border-red-200 bg-red-50 text-red-900", title: "Revoked", text: `${view.issuerName} revoked this ${noun}${view.revokedAt ? ` on ${date(view.revokedAt)}` : ""}. Reason: ${view.revocationReason ?? "not given"}.` },
    pending: { icon: Award, tone: "border-brand-100 bg-brand-50 text-brand-900", title: "Being issued", text: "The signed credential is being prepared; this page updates by itself." },
    notOurs: { icon: ShieldX, tone: "border-red-200 bg-red-50 text-red-900", title: `Not verified: not issued by ${academy?.name ?? "this academy"}`, text: `The credential published here is ${server?.signer ? `signed by ${server.signer}, which is not this academy's key` : "not validly signed by this academy"}. Do not rely on it.` },
  }[state];
  const Icon = banner.icon;
  return (
    <div className="mx-auto max-w-[900px] px-4 py-10">
      <div className={`flex items-start gap-3 rounded-lg border p-4 ${banner.tone}`} role="status" data-testid="certificate-status">
        <Icon className="mt-0.5 size-6 shrink-0" aria-hidden />
        <div className="min-w-0 [overflow-wrap:anywhere]">
          <p className="font-semibold">{banner.title}</p>
          <p className="text-sm">{banner.text}</p>
        </div>
      </div>
      <Card className="mt-6 p-6">
        <div className="flex flex-col gap-6 sm:flex-row">
          {issued ? (
            <img src={view.imageUrl} alt={`${view.name} badge`} width={160} height={160} className="size-40 shrink-0 self-center sm:self-start" />
          ) : (
            <Skeleton className="size-40 shrink-0 rounded-full" />
          )}
          <div className="min-w-0">
            <Badge tone="brand">Open Badges 3.0</Badge>
            <h1 className="mt-2 text-2xl font-semibold text-gray-900">{view.name}</h1>
            <p className="mt-1 text-gray-700">
              Awarded to <span className="font-semibold text-gray-900">{view.recipientName}</span>
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
                <dd className="font-medium text-gray-900">{date(view.issuedAt)}</dd>
              </div>
              <div>
                <dt className="text-gray-600">Valid until</dt>
                <dd className="font-medium text-gray-900">{view.expiresAt ? date(view.expiresAt) : "Does not expire"}</dd>
              </div>
              <div>
                <dt className="text-gray-600">Criteria</dt>
                <dd className="text-gray-900">{view.criteria}</dd>
              </div>
            </dl>
            {view.issuerId && <p className="mt-3 break-all text-xs text-gray-600">Issuer identity: {view.issuerId}</p>}
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
        <Card className="mt-6 p-6">
          <h2 className="text-base font-semibold text-gray-900">How this was checked</h2>
          <p className="mt-1 text-sm text-gray-600">
            Who signed it (only {academy?.name ?? "this academy"}&apos;s own key counts, never the issuer name written in a credential), the signature (eddsa-rdfc-2022), the dates and the revocation list are checked independently of this page&apos;s text.
          </p>
          <div className="mt-4 grid gap-6 md:grid-cols-2">
            <div className="min-w-0" data-testid="server-checks">
              {server === undefined ? <Skeleton className="h-20" /> : server === null ? <p className="text-sm text-red-700">The verification service could not be reached.</p> : <VerifyChecks result={server} label="Checked by the academy's server" />}
            </div>
            <div className="min-w-0" data-testid="browser-checks">
              {browser === undefined ? <Skeleton className="h-20" /> : browser === null ? <p className="text-sm text-red-700">Your browser could not run the check.</p> : <VerifyChecks result={browser} label="Checked in your browser" />}
            </div>
          </div>
        </Card>
      )}
      <div className="mt-6">
        <VerifyUpload />
      </div>
    </div>
  );
}
