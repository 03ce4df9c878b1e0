import { SearchX } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { CourseCard, type CourseCardData } from "./course-card";

/** Course cards in a grid; an empty list says so and what to try. */
export function CourseGrid({ courses, limit }: { courses: CourseCardData[]; limit?: number }) {
  if (courses.length === 0) {
    return (
      <EmptyState icon={SearchX} title="No courses match these filters" description="Try another format or level." />
    );
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {courses.slice(0, limit).map((course) => (
        <CourseCard key={course._id} course={course} />
      ))}
    </div>
  );
}
