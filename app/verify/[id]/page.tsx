import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  certificateDescription,
  certificateState,
  certificateTitle,
  credentialJsonLd,
} from "@/components/certificates/certificate-view";
import { VerifyCertificate } from "@/components/certificates/verify-certificate";
import { JsonLd } from "@/components/seo/json-ld";
import { academyIssuer, preloadCertificate } from "@/lib/convex/certificates";
import { absoluteUrl, certificateCardImage, publicPageMetadata, siteUrl } from "@/lib/site";

type Props = { params: Promise<{ id: string }> };

/**
 * A person's credential is shown to whoever holds its link, and is kept out of search results: the learner never
 * chose to make their name searchable with it, and a revoked one (with its reason) must not follow them in a search
 * for their name. Link previews (Open Graph) still work; robots.txt leaves /verify/ open so crawlers see the noindex.
 */
const PERSONAL: Metadata["robots"] = { index: false, follow: false };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const found = await preloadCertificate(id);
  if (found === null) return { title: "Certificate not found", robots: PERSONAL };
  const { view } = found;
  const title = certificateTitle(view);
  const description = certificateDescription(view, certificateState(view, found.readAt));
  return {
    ...publicPageMetadata({
      path: `/verify/${id}`,
      title,
      socialTitle: title,
      description,
      image: certificateCardImage(id, view),
    }),
    robots: PERSONAL,
  };
}

export default async function VerifyPage({ params }: Props) {
  const { id } = await params;
  const [found, academy] = await Promise.all([preloadCertificate(id), academyIssuer()]);
  if (found === null) notFound();
  const state = certificateState(found.view, found.readAt);
  return (
    <>
      <JsonLd
        data={credentialJsonLd(found.view, state, {
          url: siteUrl().toString(),
          verifyUrl: absoluteUrl(`/verify/${id}`),
        })}
      />
      <VerifyCertificate publicId={id} preloaded={found.preloaded} academy={academy} />
    </>
  );
}
