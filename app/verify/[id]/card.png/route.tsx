import { CERTIFICATE_NOUN, certificateState, credentialDate } from "@/components/certificates/certificate-view";
import { socialCard } from "@/components/seo/social-card";
import { preloadCertificate } from "@/lib/convex/certificates";

/**
 * The certificate's social card (Open Graph / Twitter image): kind, achievement, recipient, issue date. It never
 * says "valid" — networks cache previews for days — only that it can be verified, or that it was revoked or expired.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const found = await preloadCertificate(id);
  if (found === null) return new Response("No such certificate", { status: 404 });
  const { view } = found;
  const state = certificateState(view, found.readAt);
  const noun = CERTIFICATE_NOUN[view.kind];
  const image = await socialCard({
    eyebrow: `${noun[0].toUpperCase()}${noun.slice(1)} · Open Badges 3.0`,
    title: view.name,
    text: `Awarded to ${view.recipientName}${view.cohortName ? ` · ${view.cohortName}` : ""}`,
    footer: [
      `Issued ${credentialDate(view.issuedAt)}`,
      state === "revoked" ? "Revoked" : state === "expired" ? "Expired" : "Verifiable credential",
    ],
  });
  image.headers.set("cache-control", "public, max-age=3600");
  return image;
}
