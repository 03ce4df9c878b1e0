"use client";
import { useQuery } from "convex/react";
import { Plus } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { COURSE_STATUS, FORMAT_LABEL } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatPrice } from "@/lib/format";

export function CourseList() {
  const courses = useQuery(api.catalog.courses.list);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold text-gray-900">Admin · Courses</h1>
        <Button asChild size="sm">
          <Link href="/admin/courses/new">
            <Plus className="size-4" aria-hidden /> New course
          </Link>
        </Button>
      </div>
      {courses === undefined ? (
        <Skeleton className="mt-6 h-72" />
      ) : (
        <ul className="mt-6 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
          {courses.map((course) => (
            <li key={course._id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <Link
                  href={`/admin/courses/${course._id}`}
                  className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                >
                  {course.title}
                </Link>
                <p className="text-sm text-gray-600">/{course.slug}</p>
              </div>
              <div className="flex items-center gap-2">
                <Badge tone="brand">{FORMAT_LABEL[course.format]}</Badge>
                <Badge tone={COURSE_STATUS[course.status].tone}>{COURSE_STATUS[course.status].label}</Badge>
                <span className="tabular w-20 text-right text-sm text-gray-900">{formatPrice(course.priceB2C)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
