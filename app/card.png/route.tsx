import { socialCard } from "@/components/seo/social-card";

// Drawn once at build time: nothing on it changes.
export const dynamic = "force-static";

/** The site's social card, for pages without one of their own (home, catalogue). */
export async function GET() {
  return await socialCard({
    eyebrow: "Live cohorts · Enablement kits · Verifiable certificates",
    title: "Become the team that knows how to work with AI.",
    text: "Two-day intensives, executive briefings and hackathons, taught live.",
    footer: ["Dated cohorts, taught live online", "Office hours included"],
  });
}
