import type { Metadata } from "next";

/** The academy's public name and origin, for titles, canonical URLs, the sitemap and social cards (server side). */
export const SITE_NAME = "AI Enablement Academy";
export const SITE_DESCRIPTION = "Live cohorts, workshops and hackathons that make teams capable with AI.";

/**
 * The public origin: `SITE_URL` (the same value the Convex deployment has), else the production domain Vercel
 * names, else this server on localhost. Never the request's Host header, which a client can choose.
 */
export function siteUrl(): URL {
  const configured =
    process.env.SITE_URL ||
    (process.env.VERCEL_PROJECT_PRODUCTION_URL && `https://${process.env.VERCEL_PROJECT_PRODUCTION_URL}`);
  return new URL(configured || `http://localhost:${process.env.PORT ?? 3000}`);
}

/** An absolute URL on this site. */
export function absoluteUrl(pathname: string) {
  return new URL(pathname, siteUrl()).toString();
}

/** A meta description: whitespace collapsed, cut at a word boundary to at most `max` characters. */
export function summary(text: string, max = 160) {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  const words = space > max / 2 ? cut.slice(0, space) : cut;
  return `${words.replace(/[\s,;:.·—-]+$/, "")}…`;
}

/** Open Graph / Twitter images are drawn at this size (components/seo/social-card.tsx). */
export const SOCIAL_CARD_SIZE = { width: 1200, height: 630 };

/** The `openGraph.images` entry for the site's own card (app/card.png). */
export const SITE_CARD_IMAGE = {
  url: "/card.png",
  ...SOCIAL_CARD_SIZE,
  alt: `${SITE_NAME}: live AI training for professionals and teams`,
  type: "image/png",
};

/** The `openGraph.images` entry for a course's card, described for people who cannot see it. */
export function courseCardImage(course: { slug: string; title: string }) {
  return {
    url: `/courses/${course.slug}/card.png`,
    ...SOCIAL_CARD_SIZE,
    alt: `${course.title} — a course by ${SITE_NAME}`,
    type: "image/png",
  };
}

/** The `openGraph.images` entry for a certificate's card (app/verify/[id]/card.png). */
export function certificateCardImage(publicId: string, certificate: { name: string; recipientName: string }) {
  return {
    url: `/verify/${publicId}/card.png`,
    ...SOCIAL_CARD_SIZE,
    alt: `${certificate.name}, awarded to ${certificate.recipientName} by ${SITE_NAME}`,
    type: "image/png",
  };
}

/**
 * Title, description, canonical URL and the matching Open Graph and Twitter tags of a public page. Without an
 * image of its own, the site's card stands in.
 */
export function publicPageMetadata({
  path,
  title,
  socialTitle,
  description,
  image,
}: {
  path: string;
  title: Metadata["title"];
  socialTitle: string;
  description: string;
  image?: typeof SITE_CARD_IMAGE;
}): Metadata {
  const images = [image ?? SITE_CARD_IMAGE];
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: {
      type: "website",
      siteName: SITE_NAME,
      locale: "en_US",
      url: path,
      title: socialTitle,
      description,
      images,
    },
    twitter: { card: "summary_large_image", title: socialTitle, description, images },
  };
}
