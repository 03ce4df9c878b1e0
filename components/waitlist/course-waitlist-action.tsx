"use client";
import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { Hourglass } from "lucide-react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/lib/use-submit";
import { JoinWaitlistButton } from "./join-waitlist-button";

/** No open cohort: wait for the next one; you are first in its line when it opens. */
export function CourseWaitlistAction({ courseId, courseSlug }: { courseId: Id<"courses">; courseSlug: string }) {
  const { isAuthenticated } = useConvexAuth();
  const line = useQuery(api.waitlist.places.mineForCourse, isAuthenticated ? { courseId } : "skip");
  const join = useMutation(api.waitlist.places.joinCourse);
  const leave = useMutation(api.waitlist.places.leave);
  const { pending, run } = useSubmit();
  if (line) {
    return (
      <div className="mt-3 space-y-2">
        <p className="flex items-center gap-1.5 text-sm font-medium text-amber-800" data-testid="course-waitlist-place">
          <Hourglass className="size-4" aria-hidden /> You&apos;re #{line.place} for the next cohort
        </p>
        <Button
          size="sm"
          variant="ghost"
          loading={pending}
          onClick={() => void run(() => leave({ entryId: line._id }))}
        >
          Leave the waitlist
        </Button>
      </div>
    );
  }
  return (
    <JoinWaitlistButton
      className="mt-3 w-full"
      join={() => join({ courseId })}
      joinedMessage="You're on the list. When the next cohort opens, its first seats are offered to you in order."
      dialogDescription="When the next cohort opens, its seats are offered in the order people joined."
      returnTo={`/courses/${courseSlug}`}
    >
      Join the waitlist for the next cohort
    </JoinWaitlistButton>
  );
}
