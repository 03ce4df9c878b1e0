"use client";
import { useQuery } from "convex/react";
import { Plus } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { PATH_PRICING_LABEL } from "@/lib/labels";

/** Every learning path for platform admins: published or draft, its pricing, learners and completions. */
export function AdminPathList() {
  const paths = useQuery(api.paths.authoring.list);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold text-gray-900">Admin · Learning paths</h1>
        <Button asChild size="sm">
          <Link href="/admin/paths/new">
            <Plus className="size-4" aria-hidden /> New path
          </Link>
        </Button>
      </div>
      {paths === undefined ? (
        <Skeleton className="mt-6 h-56" />
      ) : paths.length === 0 ? (
        <p className="mt-6 text-sm text-gray-600">No learning paths yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
          {paths.map((path) => (
            <li key={path._id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <Link
                  href={`/admin/paths/${path._id}`}
                  className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                >
                  {path.title}
                </Link>
                <p className="text-sm text-gray-600">
                  /paths/{path.slug} · {path.stepCount} {path.stepCount === 1 ? "step" : "steps"}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
                <Badge tone="brand">{PATH_PRICING_LABEL[path.pricingModel]}</Badge>
                <Badge tone={path.isActive ? "success" : "neutral"}>{path.isActive ? "Published" : "Draft"}</Badge>
                <span className="tabular">
                  {path.enrollmentCount} enrolled · {path.completionCount} completed
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
