"use client";
import { useQuery } from "convex/react";
import { Users } from "lucide-react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { AI_EXPERIENCE_LABEL } from "@/lib/labels";

/** The cohort's learners with their intake answers (role, AI experience, goals), live as they arrive. */
export function IntakeRoster({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const learners = useQuery(api.learning.intake.forCohort, { cohortId });
  const answered = learners?.filter((l) => l.answers !== null).length ?? 0;
  return (
    <section aria-labelledby="intake-roster-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="intake-roster-title" className="text-base font-semibold text-gray-900">
          Learners and their goals
        </h2>
        {learners && learners.length > 0 && (
          <p className="text-sm text-gray-600" data-testid="intake-count">
            {answered} of {learners.length} answered the intake survey
          </p>
        )}
      </div>
      {learners === undefined ? (
        <Skeleton className="mt-3 h-32" />
      ) : learners === null || learners.length === 0 ? (
        <div className="mt-3">
          <EmptyState
            icon={Users}
            title="No learners yet"
            description="Confirmed learners appear here with what they told you about themselves."
          />
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-gray-100 rounded-md border border-gray-200">
          {learners.map((learner) => (
            <li key={learner.enrollmentId} className="px-4 py-3" data-testid="intake-row">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-sm font-medium text-gray-900">{learner.name}</span>
                {(learner.title || learner.company) && (
                  <span className="text-xs text-gray-600">
                    {[learner.title, learner.company].filter(Boolean).join(" · ")}
                  </span>
                )}
                {learner.answers ? (
                  <Badge tone="brand">{AI_EXPERIENCE_LABEL[learner.answers.aiExperience]}</Badge>
                ) : (
                  <Badge tone="neutral">No answers yet</Badge>
                )}
              </div>
              {learner.answers && (
                <p className="mt-1 text-sm text-gray-700">
                  <span className="font-medium">{learner.answers.jobRole}.</span> {learner.answers.goals}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
