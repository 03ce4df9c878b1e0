import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CourseDetail } from "@/components/catalog/course-detail";
import { courseJsonLd } from "@/components/catalog/structured-data";
import { JsonLd } from "@/components/seo/json-ld";
import { preloadCourse, preloadCoursePaths } from "@/lib/convex/catalog";
import { formatDateRange, formatPrice } from "@/lib/format";
import { absoluteUrl, courseCardImage, publicPageMetadata, SITE_NAME, siteUrl, summary } from "@/lib/site";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ reserve?: string; promo?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { course } = await preloadCourse(slug);
  if (course === null) return { title: "Course not found", robots: { index: false } };
  const next = course.cohorts[0];
  const when = next
    ? `Next cohort ${formatDateRange(next.startDate, next.endDate, next.timezone ?? "UTC")}`
    : "New dates soon";
  const description = summary(
    `${when} · ${formatPrice(course.priceB2C)}. ${course.tagline ?? ""} ${course.description}`,
  );
  return publicPageMetadata({
    path: `/courses/${course.slug}`,
    title: course.title,
    socialTitle: course.title,
    description,
    image: courseCardImage(course),
  });
}

export default async function CoursePage({ params, searchParams }: Props) {
  const [{ slug }, { reserve, promo }] = await Promise.all([params, searchParams]);
  const { preloaded, course } = await preloadCourse(slug);
  if (course === null) notFound();
  const paths = await preloadCoursePaths(course._id);
  const courseUrl = absoluteUrl(`/courses/${course.slug}`);
  return (
    <>
      <JsonLd
        data={courseJsonLd(course, {
          name: SITE_NAME,
          url: siteUrl().toString(),
          courseUrl,
          imageUrl: absoluteUrl(courseCardImage(course).url),
          cohortUrl: (cohortId) => absoluteUrl(`/cohorts/${cohortId}`),
        })}
      />
      <CourseDetail preloaded={preloaded} preloadedPaths={paths} reserveFor={reserve} promotionCode={promo} />
    </>
  );
}
