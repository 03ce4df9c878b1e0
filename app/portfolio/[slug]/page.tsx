import type { Metadata } from "next";
import { PublicPortfolio } from "@/components/skills/public-portfolio";

// The link is meant to be shared by its owner, not found: search engines are asked not to index it.
export const metadata: Metadata = { title: "Skills portfolio", robots: { index: false, follow: false } };

export default async function PortfolioPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <PublicPortfolio slug={slug} />;
}
