/**
 * Reads of the public catalogue for server rendering. Each is made once per request (React `cache`), so a page's
 * `generateMetadata` and its body share one backend round trip; the body hands the result to a client component
 * that stays live with `usePreloadedQuery`. Catalogue data does not depend on who is asking, so no token is sent.
 */
import { preloadQuery, preloadedQueryResult } from "convex/nextjs";
import { cache } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";

export const preloadCourses = cache(() => preloadQuery(api.catalog.browse.listCourses, {}));

export const preloadCourse = cache(async (slug: string) => {
  const preloaded = await preloadQuery(api.catalog.browse.getCourse, { slug });
  return { preloaded, course: preloadedQueryResult(preloaded) };
});

export const preloadCohort = cache(async (cohortId: string) => {
  const preloaded = await preloadQuery(api.catalog.browse.getCohort, { cohortId });
  return { preloaded, data: preloadedQueryResult(preloaded) };
});

export const preloadPaths = cache(() => preloadQuery(api.paths.catalog.list, {}));

export const preloadPath = cache(async (slug: string) => {
  const preloaded = await preloadQuery(api.paths.catalog.get, { slug });
  return { preloaded, path: preloadedQueryResult(preloaded) };
});

export const preloadCoursePaths = cache((courseId: Id<"courses">) =>
  preloadQuery(api.paths.catalog.forCourse, { courseId }),
);
