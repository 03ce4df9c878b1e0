import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";
import { formatPrice } from "@/lib/format";
import { cn } from "@/lib/utils";

export type PathPrice = FunctionReturnType<typeof api.paths.catalog.list>[number]["price"];

/** The headline figure of a path's price: the month's, the bundle's, or the courses one by one. */
export function pathHeadline(price: PathPrice) {
  if (price.monthlyPriceCents !== undefined) return `${formatPrice(price.monthlyPriceCents)} / month`;
  return price.bundlePriceCents !== undefined
    ? formatPrice(price.bundlePriceCents)
    : formatPrice(price.coursesTotalCents);
}

/**
 * What the price means, in a line: "Bundle of 3 courses · save $794 (21%)", "2 courses at their own prices, in all",
 * "Subscription · a seat in each of 3 courses while you subscribe".
 */
export function PathPriceLine({
  price,
  courseCount,
  className,
}: {
  price: PathPrice;
  courseCount: number;
  className?: string;
}) {
  const courses = courseCount === 1 ? "1 course" : `${courseCount} courses`;
  return (
    <p className={cn("text-sm text-gray-600", className)}>
      {price.monthlyPriceCents !== undefined ? (
        <>Subscription · a seat in each of {courses} while you subscribe</>
      ) : price.bundlePriceCents !== undefined ? (
        <>
          Bundle of {courses}
          {price.savingCents ? (
            <>
              {" "}
              · <span className="font-medium text-green-800">save {formatPrice(price.savingCents)}</span> (
              {price.savingPercent}%)
            </>
          ) : null}
        </>
      ) : (
        <>{courses} at their own prices, in all</>
      )}
    </p>
  );
}
