import { CalendarDays, Users } from "lucide-react";
import Link from "next/link";
import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { formatDateRange, formatPrice } from "@/lib/format";
import { FORMAT_LABEL, LEVEL_LABEL } from "@/lib/labels";
import { SeatsLeft } from "./seats-left";
import { cn } from "@/lib/utils";

export type CourseCardData = FunctionReturnType<typeof api.catalog.browse.listCourses>[number];

export function CourseCard({ course }: { course: CourseCardData }) {
  return (
    <Link
      href={`/courses/${course.slug}`}
      className={cn(
        "group flex flex-col rounded-lg border border-gray-200 bg-white p-5",
        "transition-colors hover:border-brand-600",
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="brand">{FORMAT_LABEL[course.format]}</Badge>
        <Badge>{LEVEL_LABEL[course.level]}</Badge>
      </div>
      <h3 className="mt-3 text-lg font-semibold text-gray-900 group-hover:text-brand-800">{course.title}</h3>
      {course.tagline && <p className="mt-1 text-sm text-gray-600">{course.tagline}</p>}
      <div className="mt-auto space-y-2 pt-5 text-sm">
        {course.nextCohort ? (
          <>
            <p className="flex items-center gap-2 text-gray-700">
              <CalendarDays className="size-4 text-gray-500" aria-hidden />
              Next:{" "}
              {formatDateRange(
                course.nextCohort.startDate,
                course.nextCohort.endDate,
                course.nextCohort.timezone ?? "UTC",
              )}
            </p>
            <p className="flex items-center gap-2">
              <Users className="size-4 text-gray-500" aria-hidden />
              <SeatsLeft seatsLeft={course.nextCohort.seatsLeft} />
            </p>
          </>
        ) : (
          <p className="text-gray-600">New dates coming soon — join the course waitlist.</p>
        )}
        <p className="tabular pt-1 text-base font-semibold text-gray-900">{formatPrice(course.priceB2C)}</p>
      </div>
    </Link>
  );
}
