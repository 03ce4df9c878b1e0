"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Select } from "@/components/ui/select";
import { formatDate } from "@/lib/format";

/** Cohorts the organization can place people in (private first), for invites and assignments. */
export function CohortSelect({
  id,
  organizationId,
  value,
  onChange,
  courseId,
  exclude,
  emptyLabel = "No cohort yet",
}: {
  id: string;
  organizationId: Id<"organizations">;
  value: string;
  onChange: (value: string) => void;
  courseId?: Id<"courses">;
  exclude?: Id<"cohorts">;
  emptyLabel?: string | null;
}) {
  const cohorts = useQuery(api.organizations.members.assignableCohorts, { organizationId });
  const options = (cohorts ?? [])
    .filter((c) => (!courseId || c.courseId === courseId) && c._id !== exclude)
    .sort((a, b) => Number(b.isPrivate) - Number(a.isPrivate) || a.startDate - b.startDate);
  return (
    <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={cohorts === undefined}>
      {emptyLabel !== null && <option value="">{emptyLabel}</option>}
      {options.map((c) => (
        <option key={c._id} value={c._id} disabled={c.seatsLeft === 0}>
          {c.name} · {formatDate(c.startDate)} · {c.seatsLeft === 0 ? "full" : `${c.seatsLeft} seats left`}
          {c.isPrivate ? " · private" : ""}
        </option>
      ))}
    </Select>
  );
}
