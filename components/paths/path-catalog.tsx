"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Clock, Layers, Route } from "lucide-react";
import Link from "next/link";
import type { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PATH_AUDIENCE_LABEL } from "@/lib/labels";
import { cn } from "@/lib/utils";
import { PathPriceLine, pathHeadline } from "./path-price";

type PathCardData = FunctionReturnType<typeof api.paths.catalog.list>[number];

/** The learning paths, rendered on the server and live after (a price or a new path shows without a reload). */
export function PathCatalog({ preloaded }: { preloaded: Preloaded<typeof api.paths.catalog.list> }) {
  const paths = usePreloadedQuery(preloaded);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">Learning paths</h1>
      <p className="mt-1 max-w-2xl text-sm text-gray-600">
        Curated sequences of our live courses toward one outcome. Each step opens as you progress, and completing every
        required course earns a path certificate.
      </p>
      <div className="mt-6">
        {paths.length === 0 ? (
          <EmptyState
            icon={Route}
            title="No learning paths yet"
            description="Our courses stand on their own in the meantime."
            action={
              <Link href="/courses" className="text-sm font-medium text-brand-700 underline underline-offset-2">
                Browse courses
              </Link>
            }
          />
        ) : (
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {paths.map((path) => (
              <PathCard key={path._id} path={path} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function PathCard({ path }: { path: PathCardData }) {
  return (
    <Link
      href={`/paths/${path.slug}`}
      className={cn(
        "group flex flex-col rounded-lg border border-gray-200 bg-white p-5",
        "transition-colors hover:border-brand-600",
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="brand">For {PATH_AUDIENCE_LABEL[path.audience].toLowerCase()}</Badge>
        {path.isFeatured && <Badge tone="success">Featured</Badge>}
      </div>
      <h2 className="mt-3 text-lg font-semibold text-gray-900 group-hover:text-brand-800">{path.title}</h2>
      <p className="mt-1 text-sm text-gray-600">{path.shortDescription}</p>
      <div className="mt-auto space-y-2 pt-5 text-sm text-gray-700">
        <p className="flex items-center gap-2">
          <Layers className="size-4 text-gray-500" aria-hidden />
          {path.courseCount} {path.courseCount === 1 ? "course" : "courses"}
          {path.requiredCount < path.courseCount ? ` (${path.courseCount - path.requiredCount} optional)` : ""}
        </p>
        <p className="flex items-center gap-2">
          <Clock className="size-4 text-gray-500" aria-hidden />
          {path.estimatedDuration} · {path.totalHours} hours live
        </p>
        <p className="tabular pt-1 text-base font-semibold text-gray-900">{pathHeadline(path.price)}</p>
        <PathPriceLine price={path.price} courseCount={path.courseCount} className="-mt-1" />
      </div>
    </Link>
  );
}
