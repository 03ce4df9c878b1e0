"use client";
import { useMutation } from "convex/react";
import type { Infer } from "convex/values";
import { ClipboardList } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { vAiExperience } from "@/convex/validators";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { AI_EXPERIENCE_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/utils";

/**
 * Asks a learner who has not answered it yet for the intake survey of one seat; their instructor reads it before the
 * first session.
 */
export function IntakeSurveyPrompt({
  enrollmentId,
  courseTitle,
}: {
  enrollmentId: Id<"enrollments">;
  courseTitle: string;
}) {
  const submit = useMutation(api.learning.intake.submit);
  const [open, setOpen] = useState(false);
  const [jobRole, setJobRole] = useState("");
  const [aiExperience, setAiExperience] = useState<Infer<typeof vAiExperience>>("tried");
  const [goals, setGoals] = useState("");
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => submit({ enrollmentId, jobRole, aiExperience, goals }), {
      success: "Thanks: your instructor will read this before the first session.",
      onSuccess: () => setOpen(false),
    });
  };
  return (
    <div
      className={cn(
        "mt-4 flex flex-wrap items-center justify-between gap-3",
        "rounded-md border border-brand-100 bg-brand-50/60 p-3",
      )}
      data-testid="intake-prompt"
    >
      <p className="flex items-start gap-2 text-sm text-gray-800">
        <ClipboardList className="mt-0.5 size-4 shrink-0 text-brand-700" aria-hidden />
        Help your instructor prepare: your role, how you use AI today, and what you want from this course (2 minutes).
      </p>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button size="sm">Answer 3 questions</Button>
        </DialogTrigger>
        <DialogContent
          title="Before the course starts"
          description={
            `Your instructor for ${courseTitle} reads these to shape the sessions. ` +
            "Only they and the academy's staff see them."
          }
        >
          <form onSubmit={onSubmit} className="space-y-4" aria-label="Intake survey">
            <Field id="intake-role" label="Your role">
              <Input
                id="intake-role"
                value={jobRole}
                onChange={(event) => setJobRole(event.target.value)}
                required
                maxLength={120}
                placeholder="e.g. Operations analyst"
              />
            </Field>
            <Field id="intake-experience" label="How much do you work with AI today?">
              <Select
                id="intake-experience"
                value={aiExperience}
                onChange={(event) => setAiExperience(event.target.value as Infer<typeof vAiExperience>)}
              >
                <SelectOptions labels={AI_EXPERIENCE_LABEL} />
              </Select>
            </Field>
            <Field id="intake-goals" label="What do you want to be able to do after this course?">
              <Textarea
                id="intake-goals"
                value={goals}
                onChange={(event) => setGoals(event.target.value)}
                required
                maxLength={2000}
                rows={4}
              />
            </Field>
            {error && <FormError>{error}</FormError>}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                Later
              </Button>
              <Button type="submit" loading={pending}>
                Send to my instructor
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
