import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PathAction } from "@/components/paths/path-action";
import { PathDetail } from "@/components/paths/path-detail";
import { pathHeadline } from "@/components/paths/path-price";
import { preloadPath } from "@/lib/convex/catalog";
import { publicPageMetadata, summary } from "@/lib/site";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { path } = await preloadPath(slug);
  if (path === null) return { title: "Learning path not found", robots: { index: false } };
  return publicPageMetadata({
    path: `/paths/${path.slug}`,
    title: path.title,
    socialTitle: path.title,
    description: summary(
      `${path.courseCount} courses · ${path.estimatedDuration} · ${pathHeadline(path.price)}. ` +
        `${path.shortDescription}. ${path.description}`,
    ),
  });
}

export default async function PathPage({ params }: Props) {
  const { slug } = await params;
  const { preloaded, path } = await preloadPath(slug);
  if (path === null) notFound();
  return (
    <PathDetail
      preloaded={preloaded}
      action={
        <PathAction
          pathId={path._id}
          pathSlug={path.slug}
          pricing={path.price.model}
          bundlePriceCents={path.price.bundlePriceCents}
          monthlyPriceCents={path.price.monthlyPriceCents}
        />
      }
    />
  );
}
