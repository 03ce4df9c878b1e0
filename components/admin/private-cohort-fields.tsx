"use client";
import { DateTime } from "luxon";
import type { Id } from "@/convex/_generated/dataModel";
import type { PrivateCohortPlan } from "@/convex/validators";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { TIMEZONES } from "@/lib/timezones";

/**
 * The plan of an organization's private cohort — course, name, first and last day, timezone, places, instructor —
 * as inputs of the surrounding form; `readPrivateCohortPlan` reads them back.
 */
export function PrivateCohortFields({
  prefix,
  courses,
  defaultName,
}: {
  /** Keeps ids and names unique when the fields sit inside another form. */
  prefix: string;
  /** The courses to choose from; leave out when the surrounding form already chose the course. */
  courses?: Array<{ _id: Id<"courses">; title: string }>;
  defaultName: string;
}) {
  const id = (field: string) => `${prefix}-${field}`;
  return (
    <>
      {courses && (
        <Field id={id("course")} label="Course">
          <Select id={id("course")} name={id("course")} required>
            {courses.map((c) => (
              <option key={c._id} value={c._id}>
                {c.title}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field id={id("name")} label="Cohort name">
        <Input id={id("name")} name={id("name")} defaultValue={defaultName} required minLength={3} />
      </Field>
      <Field id={id("start")} label="First day">
        <Input id={id("start")} name={id("start")} type="date" required />
      </Field>
      <Field id={id("end")} label="Last day">
        <Input id={id("end")} name={id("end")} type="date" required />
      </Field>
      <Field id={id("timezone")} label="Timezone" hint="Sessions start at 09:00 in this zone.">
        <Select id={id("timezone")} name={id("timezone")} defaultValue="Europe/Berlin">
          {TIMEZONES.map((tz) => (
            <option key={tz}>{tz}</option>
          ))}
        </Select>
      </Field>
      <Field id={id("capacity")} label="Places" hint="Filled from the organization's seats.">
        <Input id={id("capacity")} name={id("capacity")} type="number" min={1} max={1000} defaultValue={12} required />
      </Field>
      <Field id={id("instructor")} label="Instructor's email" hint="Optional; they must have signed in once.">
        <Input id={id("instructor")} name={id("instructor")} type="email" placeholder="instructor@academy.com" />
      </Field>
    </>
  );
}

/** The plan typed into `PrivateCohortFields`, or what to fix in words. */
export function readPrivateCohortPlan(
  form: FormData,
  prefix: string,
  courseId?: Id<"courses">,
): PrivateCohortPlan | string {
  const value = (field: string) => String(form.get(`${prefix}-${field}`) ?? "").trim();
  const course = (courseId ?? value("course")) as Id<"courses">;
  if (!course) return "Choose the cohort's course.";
  const timezone = value("timezone") || "Europe/Berlin";
  const start = DateTime.fromISO(value("start"), { zone: timezone }).startOf("day");
  const end = DateTime.fromISO(value("end"), { zone: timezone }).endOf("day");
  if (!start.isValid || !end.isValid) return "Enter the first and last day of the cohort.";
  const instructorEmail = value("instructor");
  return {
    courseId: course,
    name: value("name"),
    startDate: start.toMillis(),
    endDate: end.toMillis(),
    timezone,
    maxCapacity: Number(value("capacity")),
    ...(instructorEmail ? { instructorEmail } : {}),
  };
}
