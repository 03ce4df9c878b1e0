"use client";
import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { Hourglass } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { InlineSignIn } from "@/components/auth/inline-sign-in";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";

/** No open cohort: wait for the next one; you are first in its line when it opens. */
export function CourseWaitlistAction({ courseId, courseSlug }: { courseId: Id<"courses">; courseSlug: string }) {
  const { isAuthenticated } = useConvexAuth();
  const line = useQuery(api.waitlist.mineForCourse, isAuthenticated ? { courseId } : "skip");
  const options = useQuery(api.users.signInOptions);
  const join = useMutation(api.waitlist.joinCourse);
  const leave = useMutation(api.waitlist.leave);
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [signInOpen, setSignInOpen] = useState(false);
  if (line) {
    return (
      <div className="mt-3 space-y-2">
        <p className="flex items-center gap-1.5 text-sm font-medium text-amber-800" data-testid="course-waitlist-place">
          <Hourglass className="size-4" aria-hidden /> You&apos;re #{line.place} for the next cohort
        </p>
        <Button size="sm" variant="ghost" onClick={() => void leave({ entryId: line._id }).catch((error: unknown) => toast("error", errorMessage(error)))}>
          Leave the waitlist
        </Button>
      </div>
    );
  }
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        className="mt-3 w-full"
        loading={pending}
        onClick={() => {
          if (!isAuthenticated) {
            setSignInOpen(true);
            return;
          }
          setPending(true);
          join({ courseId })
            .then(() => toast("success", "You're on the list. When the next cohort opens, its first seats are offered to you in order."))
            .catch((error: unknown) => toast("error", errorMessage(error)))
            .finally(() => setPending(false));
        }}
      >
        Join the waitlist for the next cohort
      </Button>
      <Dialog open={signInOpen} onOpenChange={setSignInOpen}>
        <DialogContent title="Sign in to join the waitlist" description="When the next cohort opens, its seats are offered in the order people joined.">
          <InlineSignIn returnTo={`/courses/${courseSlug}`} localMode={options?.localMode ?? false} />
        </DialogContent>
      </Dialog>
    </>
  );
}
