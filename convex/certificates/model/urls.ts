/** The public addresses of a certificate: its verify page, JSON, badge image, revocation list and LinkedIn links. */
import { convexSiteUrl, siteUrl } from "../../env";

export const STATUS_LIST_NUMBER = 1;

export function certificateUrls(publicId: string) {
  return {
    verify: `${siteUrl()}/verify/${publicId}`,
    json: `${convexSiteUrl()}/credentials/${publicId}`,
    image: `${convexSiteUrl()}/credentials/${publicId}/badge.png`,
    statusList: statusListUrl(),
  };
}

export function statusListUrl(listNumber = STATUS_LIST_NUMBER) {
  return `${convexSiteUrl()}/status/${listNumber}`;
}

/** LinkedIn's add-to-profile link (Licenses & certifications) for a certificate. */
export function linkedInAddUrl(options: {
  name: string;
  issuerName: string;
  issuedAt: number;
  expiresAt?: number;
  verifyUrl: string;
  publicId: string;
}) {
  const issued = new Date(options.issuedAt);
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: options.name,
    organizationName: options.issuerName,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    certUrl: options.verifyUrl,
    certId: options.publicId,
  });
  if (options.expiresAt) {
    const expires = new Date(options.expiresAt);
    params.set("expirationYear", String(expires.getUTCFullYear()));
    params.set("expirationMonth", String(expires.getUTCMonth() + 1));
  }
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

export function linkedInShareUrl(verifyUrl: string) {
  return `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(verifyUrl)}`;
}
