/**
 * Reads of a certificate's public record for the verify page's server rendering, once per request (React `cache`),
 * shared by `generateMetadata`, the page, its social card and its not-found page. The body hands the preloaded
 * result to a client component that stays live with `usePreloadedQuery`, so a revocation shows while the page is
 * open. The public record does not depend on who is asking, so no token is sent.
 */
import { fetchQuery, preloadQuery, preloadedQueryResult } from "convex/nextjs";
import { cache } from "react";
import { api } from "@/convex/_generated/api";

/** Certificates are published under a random UUID; anything else names none and costs no backend read. */
const PUBLIC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The certificate's public record and when it was read (its state — expired or not — is as of then). */
export const preloadCertificate = cache(async (publicId: string) => {
  if (!PUBLIC_ID.test(publicId)) return null;
  const preloaded = await preloadQuery(api.certificates.verify.publicView, { publicId });
  const view = preloadedQueryResult(preloaded);
  return view === null ? null : { preloaded, view, readAt: Date.now() };
});

/** The academy as an issuer (its name and DIDs), as our server names it: the browser check is pinned to it. */
export const academyIssuer = cache(() => fetchQuery(api.certificates.verify.academyIssuer, {}));
