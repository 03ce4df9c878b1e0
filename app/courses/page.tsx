import type { Metadata } from "next";
import { CatalogPage } from "@/components/catalog/catalog-page";
import { preloadCourses } from "@/lib/convex/catalog";
import { publicPageMetadata, SITE_NAME } from "@/lib/site";

const description =
  "Live AI courses with dated cohorts: two-day intensives, executive webinars and hackathons. " +
  "See dates, prices and seats left.";

export const metadata: Metadata = publicPageMetadata({
  path: "/courses",
  title: "Courses",
  socialTitle: `Courses · ${SITE_NAME}`,
  description,
});

export default async function CoursesPage() {
  return <CatalogPage preloaded={await preloadCourses()} />;
}
