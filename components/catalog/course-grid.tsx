"use client";
import { useQuery } from "convex/react";
import { SearchX } from "lucide-react";
import { api } from "@/convex/_generated/api";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { CourseCard } from "./course-card";

type Filters = { format?: "cohort" | "webinar" | "hackathon"; level?: "fundamentals" | "intermediate" | "advanced" };

export function CourseGrid({ filters = {}, limit }: { filters?: Filters; limit?: number }) {
  const courses = useQuery(api.catalog.listCourses, filters);
  if (courses === undefined) {
    return (
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy>
        {Array.from({ length: limit ?? 6 }, (_, i) => (
          <Skeleton key={i} className="h-64" />
        ))}
      </div>
    );
  }
  if (courses.length === 0) {
    return <EmptyState icon={SearchX} title="No courses match these filters" description="Try another format or level." />;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {courses.slice(0, limit).map((course) => (
        <CourseCard key={course._id} course={course} />
      ))}
    </div>
  );
}
