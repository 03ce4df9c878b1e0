/**
 * What a verify page says about one certificate, from our record of it: its state, its words and its structured
 * data. Plain functions, so the server (metadata, JSON-LD, social card) and the browser (the live page) say the same.
 */
import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

export type CertificateView = NonNullable<FunctionReturnType<typeof api.certificates.verify.publicView>>;

/** What our record says now. Revoked outranks expired; a certificate not yet signed is "pending". */
export type CertificateState = "valid" | "expired" | "revoked" | "pending";

export const CERTIFICATE_NOUN: Record<CertificateView["kind"], string> = {
  course: "certificate",
  skill: "skill badge",
  path: "learning path certificate",
};

export function certificateState(
  view: Pick<CertificateView, "revokedAt" | "expiresAt" | "issueStatus">,
  now: number,
): CertificateState {
  if (view.revokedAt !== undefined) return "revoked";
  if (view.expiresAt !== undefined && view.expiresAt < now) return "expired";
  if (view.issueStatus !== "issued") return "pending";
  return "valid";
}

/**
 * "January 15, 2026", in UTC: a credential's dates are UTC instants (`validFrom`), and the server's first HTML and the
 * visitor's browser must print the same day whatever zone either is in.
 */
export function credentialDate(ms: number) {
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(
    ms,
  );
}

/** The page's title: the achievement and whom it was awarded to. */
export function certificateTitle(view: Pick<CertificateView, "name" | "recipientName">) {
  return `${view.name}, awarded to ${view.recipientName}`;
}

/**
 * The meta description, led by the state when the certificate no longer holds. A valid one is not called "valid"
 * here: link previews are cached for days, and a revocation must not be contradicted by a stale preview.
 */
export function certificateDescription(view: CertificateView, state: CertificateState) {
  const noun = CERTIFICATE_NOUN[view.kind];
  const awarded =
    `${view.recipientName} was awarded the ${view.name} ${noun} by ${view.issuerName} ` +
    `on ${credentialDate(view.issuedAt)}${view.cohortName ? ` (${view.cohortName})` : ""}.`;
  if (state === "revoked") return `Revoked${view.revokedAt ? ` on ${credentialDate(view.revokedAt)}` : ""}. ${awarded}`;
  if (state === "expired") return `Expired on ${credentialDate(view.expiresAt!)}. ${awarded}`;
  if (state === "pending") return `Being issued. ${awarded}`;
  return `${awarded} Check its signature, dates and revocation status on this page.`;
}

/** `creativeWorkStatus` of the structured data. */
const STATE_LABEL: Record<CertificateState, string> = {
  valid: "Valid",
  expired: "Expired",
  revoked: "Revoked",
  pending: "Being issued",
};

/**
 * schema.org structured data of a verify page: the `EducationalOccupationalCredential` (what was achieved, by whose
 * criteria, recognized by the issuer, when, its state) and the `Person` who holds it.
 */
export function credentialJsonLd(
  view: CertificateView,
  state: CertificateState,
  site: { url: string; verifyUrl: string },
) {
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "EducationalOccupationalCredential",
        "@id": site.verifyUrl,
        url: site.verifyUrl,
        name: view.name,
        description: view.description,
        credentialCategory: view.kind === "skill" ? "badge" : "certificate",
        competencyRequired: view.criteria,
        ...(view.issueStatus === "issued" ? { image: view.imageUrl } : {}),
        dateCreated: new Date(view.issuedAt).toISOString(),
        ...(view.expiresAt !== undefined ? { expires: new Date(view.expiresAt).toISOString() } : {}),
        creativeWorkStatus: STATE_LABEL[state],
        recognizedBy: { "@type": "Organization", name: view.issuerName, url: site.url },
      },
      { "@type": "Person", name: view.recipientName, hasCredential: { "@id": site.verifyUrl } },
    ],
  };
}
