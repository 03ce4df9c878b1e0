"use client";
import { useQuery } from "convex/react";
import { Route } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { PATH_STATUS } from "@/lib/labels";
import { useNow } from "@/lib/use-now";
import { cn } from "@/lib/utils";
import { type LearnerPath, opensWhen, progressInWords } from "./my-path";

/** What to do next on a path, in a line: choose a seat, book a course, or when the next step opens. */
function nextMove(path: LearnerPath, now: number) {
  if (path.status === "completed") return "Every required course is completed.";
  if (path.status === "expired") return "This path has ended.";
  if (path.status === "paused") {
    return path.subscription?.status === "past_due"
      ? "Paused: your last monthly payment did not go through. Pay the open invoice from the path's page."
      : "Paused: no steps open meanwhile.";
  }
  const toChoose = path.steps.find((s) => s.state === "open" && s.seatIncluded && !s.seat);
  if (toChoose) return `Step ${toChoose.stepNumber} is open: choose your cohort of ${toChoose.course.title}.`;
  const toBook = path.steps.find((s) => s.state === "open" && !s.seatIncluded);
  if (toBook) return `Step ${toBook.stepNumber} is open: book ${toBook.course.title}.`;
  const locked = path.steps.find((s) => s.state === "locked");
  if (locked) return `Next: ${locked.course.title}. ${opensWhen(locked, now, false)}.`;
  return "Your open steps have their cohorts.";
}

/** The Paths card on /learn: each path the learner follows, its progress and what to do next. */
export function MyPathsCard({ className }: { className?: string }) {
  const paths = useQuery(api.paths.following.list);
  const now = useNow(60_000);
  if (!paths || paths.length === 0) return null;
  return (
    <Card className={cn("p-5", className)} data-testid="my-paths">
      <h2 className="flex items-center gap-2 text-lg font-semibold text-gray-900">
        <Route className="size-5 text-brand-700" aria-hidden /> Learning paths
      </h2>
      <ul className="mt-3 divide-y divide-gray-100 rounded-md border border-gray-200">
        {paths.map((path) => (
          <li key={path.pathEnrollmentId} className="space-y-2 px-4 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <Link
                href={`/learn/paths/${path.pathEnrollmentId}`}
                className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
              >
                {path.path.title}
              </Link>
              <Badge tone={PATH_STATUS[path.status].tone}>{PATH_STATUS[path.status].label}</Badge>
            </div>
            <ProgressBar
              value={path.progressPercent}
              label={`Progress in the ${path.path.title}`}
              valueText={progressInWords(path)}
              tone={path.status === "completed" ? "success" : "brand"}
              showValue
            />
            <p className="text-sm text-gray-700">{nextMove(path, now)}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
