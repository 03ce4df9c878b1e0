import { fetchQuery } from "convex/nextjs";
import type { MetadataRoute } from "next";
import { api } from "@/convex/_generated/api";
import { absoluteUrl } from "@/lib/site";

// Built per request: the origin comes from the running server's settings, the list from the live catalogue.
export const dynamic = "force-dynamic";

/**
 * The public pages: home, catalogue, learning paths, "for teams", every published course and path, and every open
 * public cohort.
 * Certificates are left out on purpose: a verify page is for whoever was given its link.
 */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [{ courses, cohorts }, paths] = await Promise.all([
    fetchQuery(api.catalog.browse.sitemap, {}),
    fetchQuery(api.paths.catalog.sitemap, {}),
  ]);
  const latest = Math.max(
    0,
    ...courses.map((course) => course.updatedAt),
    ...cohorts.map((cohort) => cohort.updatedAt),
  );
  return [
    {
      url: absoluteUrl("/"),
      lastModified: latest ? new Date(latest) : undefined,
      changeFrequency: "daily",
      priority: 1,
    },
    {
      url: absoluteUrl("/courses"),
      lastModified: latest ? new Date(latest) : undefined,
      changeFrequency: "daily",
      priority: 0.9,
    },
    { url: absoluteUrl("/paths"), changeFrequency: "weekly", priority: 0.8 },
    { url: absoluteUrl("/for-teams"), changeFrequency: "monthly", priority: 0.6 },
    ...paths.map((path) => ({
      url: absoluteUrl(`/paths/${path.slug}`),
      lastModified: new Date(path.updatedAt),
      changeFrequency: "weekly" as const,
      priority: 0.8,
    })),
    ...courses.map((course) => ({
      url: absoluteUrl(`/courses/${course.slug}`),
      lastModified: new Date(course.updatedAt),
      changeFrequency: "weekly" as const,
      priority: 0.8,
    })),
    ...cohorts.map((cohort) => ({
      url: absoluteUrl(`/cohorts/${cohort._id}`),
      lastModified: new Date(cohort.updatedAt),
      changeFrequency: "daily" as const,
      priority: 0.7,
    })),
  ];
}
