"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import type { api } from "@/convex/_generated/api";
import { CourseGrid } from "./course-grid";

/** The next courses to start, rendered on the server and live after (seat counts, new cohorts). */
export function UpcomingCourses({
  preloaded,
  limit,
}: {
  preloaded: Preloaded<typeof api.catalog.browse.listCourses>;
  limit: number;
}) {
  const courses = usePreloadedQuery(preloaded);
  return <CourseGrid courses={courses} limit={limit} />;
}
