import { FORMAT_LABEL, LEVEL_LABEL } from "@/lib/labels";
import { socialCard } from "@/components/seo/social-card";
import { preloadCourse } from "@/lib/convex/catalog";
import { formatDateRange, formatPrice } from "@/lib/format";

/** The course's social card (Open Graph / Twitter image): format and level, title, promise, next cohort and price. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { course } = await preloadCourse(slug);
  if (course === null) return new Response("No such course", { status: 404 });
  const next = course.cohorts[0];
  const image = await socialCard({
    eyebrow: `${FORMAT_LABEL[course.format]} · ${LEVEL_LABEL[course.level]}`,
    title: course.title,
    text: course.tagline,
    footer: [
      next
        ? `Next cohort: ${formatDateRange(next.startDate, next.endDate, next.timezone ?? "UTC")}`
        : "New dates coming soon",
      formatPrice(course.priceB2C),
    ],
  });
  // Link previews are cached by the networks anyway; an hour here keeps dates and prices fresh enough.
  image.headers.set("cache-control", "public, max-age=3600");
  return image;
}
