"use client";
import { useMutation, useQuery } from "convex/react";
import { GraduationCap, ShieldCheck, ShieldOff, UserX } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatShortDateTime } from "@/lib/format";
import { ORG_ROLE_LABEL, PAYMENT_STATUS, PLATFORM_AUDIT_ACTION_LABEL, USER_ROLE_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

/** /admin/people/[userId]: what one person holds, and making them a platform admin or not. */
export function PersonAdmin({ userId }: { userId: string }) {
  const data = useQuery(api.users.directory.person, { personId: userId });
  const setPlatformAdmin = useMutation(api.users.directory.setPlatformAdmin);
  const { pending, run } = useSubmit();
  if (data === undefined) return <Skeleton className="h-96" />;
  if (data === null) {
    return (
      <EmptyState
        icon={UserX}
        title="No such person"
        description="The account may have been removed."
        action={
          <Link href="/admin/people" className="text-sm text-brand-700 underline">
            Back to people
          </Link>
        }
      />
    );
  }
  const { person } = data;
  const isAdmin = person.role === "platform_admin";
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/people" className="text-sm text-brand-700 hover:underline">
          ← People
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold text-gray-900">{person.name}</h1>
            <p className="text-sm text-gray-600">
              {person.email}
              {data.title || data.company ? ` · ${[data.title, data.company].filter(Boolean).join(", ")}` : ""}
            </p>
            <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-gray-700">
              <Badge tone={isAdmin ? "brand" : "neutral"}>{USER_ROLE_LABEL[person.role]}</Badge>
              {person.organizationName && <span>{person.organizationName}</span>}
              <span className="text-gray-600">· joined {formatDate(data.createdAt)}</span>
              {data.lastActiveAt && (
                <span className="text-gray-600">· last active {formatDate(data.lastActiveAt)}</span>
              )}
            </p>
          </div>
          <div className="flex flex-col items-end gap-1">
            <Button
              variant={isAdmin ? "secondary" : "primary"}
              loading={pending}
              disabled={isAdmin && data.isLastPlatformAdmin}
              onClick={() =>
                void run(() => setPlatformAdmin({ personId: person._id, platformAdmin: !isAdmin }), {
                  success: isAdmin
                    ? `${person.name} is no longer a platform admin.`
                    : `${person.name} is now a platform admin.`,
                })
              }
            >
              {isAdmin ? <ShieldOff className="size-4" aria-hidden /> : <ShieldCheck className="size-4" aria-hidden />}
              {isAdmin ? "Remove platform admin" : "Make platform admin"}
            </Button>
            {isAdmin && data.isLastPlatformAdmin && (
              <p className="text-xs text-gray-600">The only platform admin: make someone else one first.</p>
            )}
          </div>
        </div>
      </div>

      <Card className="p-5">
        <h2 className="text-base font-semibold text-gray-900">Seats</h2>
        {data.enrollments.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">No seats in any cohort.</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-100">
            {data.enrollments.map((e) => (
              <li key={e._id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <Link href={`/admin/cohorts/${e.cohortId}`} className="font-medium text-gray-900 hover:underline">
                    {e.cohortName}
                  </Link>
                  <span className="text-gray-600">
                    {" "}
                    · {e.courseTitle} · {formatDate(e.purchaseDate)}
                  </span>
                </span>
                <Badge tone={PAYMENT_STATUS[e.paymentStatus].tone}>{PAYMENT_STATUS[e.paymentStatus].label}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card className="p-5">
          <h2 className="text-base font-semibold text-gray-900">Certificates</h2>
          {data.certificates.length === 0 ? (
            <p className="mt-2 text-sm text-gray-600">None yet.</p>
          ) : (
            <ul className="mt-2 space-y-1.5 text-sm">
              {data.certificates.map((c, i) => (
                <li key={c.publicId ?? i} className="flex flex-wrap items-center gap-2">
                  {c.publicId ? (
                    <Link href={`/verify/${c.publicId}`} className="text-gray-900 hover:underline">
                      {c.name}
                    </Link>
                  ) : (
                    <span className="text-gray-900">{c.name}</span>
                  )}
                  <span className="text-gray-600">{formatDate(c.issuedAt)}</span>
                  {c.revoked && <Badge tone="danger">Revoked</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="p-5">
          <h2 className="text-base font-semibold text-gray-900">Organizations and teaching</h2>
          {data.managerRoles.length === 0 && data.teaching.length === 0 ? (
            <p className="mt-2 text-sm text-gray-600">Manages no organization and teaches no cohort.</p>
          ) : (
            <ul className="mt-2 space-y-1.5 text-sm text-gray-800">
              {data.managerRoles.map((m) => (
                <li key={m.organizationName}>
                  {ORG_ROLE_LABEL[m.role]} of {m.organizationName}
                  {m.isActive ? "" : " (inactive)"}
                </li>
              ))}
              {data.teaching.map((c) => (
                <li key={c.cohortId}>
                  Teaches{" "}
                  <Link href={`/admin/cohorts/${c.cohortId}`} className="underline underline-offset-2">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <MakeInstructor personId={person._id} personName={person.name} cohorts={data.assignableCohorts} />
        </Card>
      </div>

      <Card className="p-5">
        <h2 className="text-base font-semibold text-gray-900">History</h2>
        {data.history.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">No role changes.</p>
        ) : (
          <ul className="mt-2 space-y-1.5 text-sm text-gray-800" data-testid="person-history">
            {data.history.map((h) => (
              <li key={h.createdAt}>
                {PLATFORM_AUDIT_ACTION_LABEL[h.action]}
                {h.cohortName ? ` (${h.cohortName})` : ""} by {h.actorName}
                <span className="text-gray-600"> · {formatShortDateTime(h.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

/** Makes the person the instructor of a cohort that has not finished. */
function MakeInstructor({
  personId,
  personName,
  cohorts,
}: {
  personId: Id<"users">;
  personName: string;
  cohorts: Array<{ cohortId: Id<"cohorts">; name: string; startDate: number; instructorName?: string }>;
}) {
  const makeInstructor = useMutation(api.users.directory.makeInstructor);
  const [cohortId, setCohortId] = useState("");
  const { pending, handleSubmit } = useSubmit();
  if (cohorts.length === 0) return null;
  const chosen = cohorts.find((c) => c.cohortId === cohortId);
  return (
    <form
      className="mt-4 border-t border-gray-100 pt-4"
      onSubmit={handleSubmit(() => makeInstructor({ personId, cohortId: cohortId as Id<"cohorts"> }), {
        success: `${personName} now teaches ${chosen?.name ?? "the cohort"}.`,
        onSuccess: () => setCohortId(""),
      })}
    >
      <Field id="instructor-cohort" label="Make instructor of">
        <Select id="instructor-cohort" value={cohortId} onChange={(event) => setCohortId(event.target.value)} required>
          <option value="">Choose a cohort…</option>
          {cohorts.map((c) => (
            <option key={c.cohortId} value={c.cohortId}>
              {`${c.name} · ${formatDate(c.startDate)}${c.instructorName ? ` · now ${c.instructorName}` : ""}`}
            </option>
          ))}
        </Select>
      </Field>
      {chosen?.instructorName && (
        <p className="mt-1 text-xs text-gray-600">{chosen.instructorName} will no longer teach it.</p>
      )}
      <Button type="submit" size="sm" className="mt-2" loading={pending} disabled={cohortId === ""}>
        <GraduationCap className="size-4" aria-hidden /> Make instructor
      </Button>
    </form>
  );
}
