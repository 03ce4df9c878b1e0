import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site";

// Built per request: the origin comes from the running server's settings.
export const dynamic = "force-dynamic";

/** Crawlers may read the public pages; signed-in areas and personal links (invitations) are not for them. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/learn", "/org/", "/admin", "/teach", "/checkout", "/notifications", "/invite/", "/dev/", "/api/"],
    },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
