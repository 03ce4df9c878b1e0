import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CohortDetail } from "@/components/catalog/cohort-detail";
import { cohortJsonLd } from "@/components/catalog/structured-data";
import { JsonLd } from "@/components/seo/json-ld";
import { preloadCohort } from "@/lib/convex/catalog";
import { formatDateRange, formatPrice } from "@/lib/format";
import { absoluteUrl, courseCardImage, publicPageMetadata, SITE_NAME, siteUrl, summary } from "@/lib/site";

type Props = { params: Promise<{ cohortId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cohortId } = await params;
  const { data } = await preloadCohort(cohortId);
  if (data === null) return { title: "Cohort not found", robots: { index: false } };
  const { cohort, course } = data;
  const description = summary(
    `${formatDateRange(cohort.startDate, cohort.endDate, cohort.timezone ?? "UTC")} (${cohort.timezone ?? "UTC"}) · ` +
      `${formatPrice(course.priceB2C)}. The dated schedule of ${course.title}. ${course.tagline ?? ""}`,
  );
  // The course's card stands for its cohorts when shared.
  return publicPageMetadata({
    path: `/cohorts/${cohort._id}`,
    title: cohort.name,
    socialTitle: cohort.name,
    description,
    image: courseCardImage(course),
  });
}

export default async function CohortPage({ params }: Props) {
  const { cohortId } = await params;
  const { preloaded, data } = await preloadCohort(cohortId);
  if (data === null) notFound();
  return (
    <>
      <JsonLd
        data={cohortJsonLd(data, {
          name: SITE_NAME,
          url: siteUrl().toString(),
          courseUrl: absoluteUrl(`/courses/${data.course.slug}`),
          cohortUrl: absoluteUrl(`/cohorts/${data.cohort._id}`),
          imageUrl: absoluteUrl(courseCardImage(data.course).url),
        })}
      />
      <CohortDetail preloaded={preloaded} />
    </>
  );
}
