import { convexAuthNextjsToken } from "@convex-dev/auth/nextjs/server";
import { preloadQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { MySkills } from "@/components/skills/my-skills";
import { api } from "@/convex/_generated/api";

export const metadata: Metadata = { title: "My skills" };

/** Rendered with the learner's profile on the server, then kept live (a badge being signed appears as it is). */
export default async function MySkillsPage() {
  const token = await convexAuthNextjsToken();
  const [profile, portfolio] = await Promise.all([
    preloadQuery(api.skills.profile.mine, {}, { token }),
    preloadQuery(api.skills.portfolio.settings, {}, { token }),
  ]);
  return <MySkills preloadedProfile={profile} preloadedPortfolio={portfolio} />;
}
