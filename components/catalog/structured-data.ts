import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";
import { PRICE_CURRENCY, formatDecimalAmount, isoDateTime } from "@/lib/format";
import { LEVEL_LABEL } from "@/lib/labels";

type CoursePage = NonNullable<FunctionReturnType<typeof api.catalog.browse.getCourse>>;

const IN_STOCK = "https://schema.org/InStock";
const SOLD_OUT = "https://schema.org/SoldOut";

/** "PT10H30M" from minutes. */
export function isoDuration(minutes: number) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ""}${rest || !hours ? `${rest}M` : ""}`;
}

/**
 * schema.org `Course` for a course page, with a `CourseInstance` per open cohort (dates, seats as offer
 * availability, live online sessions) so search results can show dates and price.
 */
export function courseJsonLd(
  course: CoursePage,
  site: { name: string; url: string; courseUrl: string; imageUrl: string; cohortUrl: (cohortId: string) => string },
) {
  const minutes = course.days.reduce(
    (sum, day) => sum + day.sessions.reduce((daySum, session) => daySum + session.durationMinutes, 0),
    0,
  );
  const offer = (url: string, availability?: string) => ({
    "@type": "Offer",
    category: "Paid",
    price: formatDecimalAmount(course.priceB2C),
    priceCurrency: PRICE_CURRENCY,
    url,
    ...(availability ? { availability } : {}),
  });
  return {
    "@context": "https://schema.org",
    "@type": "Course",
    name: course.title,
    description: course.tagline ? `${course.tagline} ${course.description}` : course.description,
    url: site.courseUrl,
    image: site.imageUrl,
    courseCode: course.slug,
    educationalLevel: LEVEL_LABEL[course.level],
    ...(course.outcomes.length > 0 ? { teaches: course.outcomes } : {}),
    provider: { "@type": "Organization", name: site.name, sameAs: site.url },
    offers: [
      offer(
        site.courseUrl,
        course.cohorts.length === 0 ? undefined : course.cohorts.some((c) => c.seatsLeft > 0) ? IN_STOCK : SOLD_OUT,
      ),
    ],
    hasCourseInstance: course.cohorts.map((cohort) => ({
      "@type": "CourseInstance",
      name: cohort.name,
      url: site.cohortUrl(cohort._id),
      courseMode: "Online",
      startDate: isoDateTime(cohort.startDate),
      endDate: isoDateTime(cohort.endDate),
      ...(minutes > 0 ? { courseWorkload: isoDuration(minutes) } : {}),
      offers: offer(site.cohortUrl(cohort._id), cohort.seatsLeft > 0 ? IN_STOCK : SOLD_OUT),
    })),
  };
}

type CohortPage = NonNullable<FunctionReturnType<typeof api.catalog.browse.getCohort>>;

/** schema.org `Course` for a cohort page: the course with this one dated `CourseInstance`. */
export function cohortJsonLd(
  data: CohortPage,
  site: { name: string; url: string; courseUrl: string; cohortUrl: string; imageUrl: string },
) {
  const { cohort, course, sessions, instructorName } = data;
  const minutes = sessions
    .filter((s) => s.status !== "cancelled")
    .reduce((sum, s) => sum + Math.round((s.endsAt - s.startsAt) / 60_000), 0);
  return {
    "@context": "https://schema.org",
    "@type": "Course",
    name: course.title,
    description: course.tagline ?? course.title,
    url: site.courseUrl,
    image: site.imageUrl,
    courseCode: course.slug,
    provider: { "@type": "Organization", name: site.name, sameAs: site.url },
    hasCourseInstance: [
      {
        "@type": "CourseInstance",
        name: cohort.name,
        url: site.cohortUrl,
        courseMode: "Online",
        startDate: isoDateTime(cohort.startDate),
        endDate: isoDateTime(cohort.endDate),
        ...(minutes > 0 ? { courseWorkload: isoDuration(minutes) } : {}),
        ...(instructorName ? { instructor: { "@type": "Person", name: instructorName } } : {}),
        offers: {
          "@type": "Offer",
          category: "Paid",
          price: formatDecimalAmount(course.priceB2C),
          priceCurrency: PRICE_CURRENCY,
          url: site.cohortUrl,
          availability: cohort.status === "open" && cohort.seatsLeft > 0 ? IN_STOCK : SOLD_OUT,
        },
      },
    ],
  };
}
