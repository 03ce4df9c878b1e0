"use client";
import { useMutation, useQuery } from "convex/react";
import { CalendarPlus } from "lucide-react";
import Link from "next/link";
import { useRef, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatDateRange } from "@/lib/format";
import { COHORT_STATUS, ORGANIZATION_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { PrivateCohortFields, readPrivateCohortPlan } from "./private-cohort-fields";

/** One organization for platform admins: its seats and its private cohorts, and planning a new one. */
export function OrganizationAdmin({ organizationId }: { organizationId: Id<"organizations"> }) {
  const data = useQuery(api.organizations.privateCohorts.forOrganization, { organizationId });
  if (data === undefined) {
    return (
      <div className="space-y-6">
        <Skeleton className="h-12 w-72" />
        <Skeleton className="h-40" />
        <Skeleton className="h-96" />
      </div>
    );
  }
  if (data === null) {
    return (
      <p className="text-gray-700">
        This organization no longer exists.{" "}
        <Link href="/admin/organizations" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
          All organizations
        </Link>
      </p>
    );
  }
  const { organization, cohorts } = data;
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin/organizations" className="text-sm text-brand-700 hover:underline">
          ← All organizations
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-gray-900">{organization.name}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-gray-600">
          <Badge tone={ORGANIZATION_STATUS[organization.status].tone}>
            {ORGANIZATION_STATUS[organization.status].label}
          </Badge>
          <span>@{organization.domain}</span>
          <span>
            · {organization.seatsUsed} of {organization.seatsPurchased} seats taken
          </span>
          <Link
            href={`/org/${organization._id}`}
            className="text-brand-700 underline underline-offset-2 hover:text-brand-800"
          >
            Open its console
          </Link>
        </p>
      </div>

      <section>
        <h2 className="text-base font-semibold text-gray-900">Private cohorts</h2>
        <p className="mt-1 text-sm text-gray-600">
          Only {organization.name}&rsquo;s administrators see these cohorts and place their members in them; they are
          never listed in the catalog.
        </p>
        <Table caption={`${organization.name}'s private cohorts`} className="mt-4">
          <TableHeader>
            <TableRow>
              <TableHead>Cohort</TableHead>
              <TableHead className="hidden sm:table-cell">Dates</TableHead>
              <TableHead>Status</TableHead>
              <TableHead align="right">Places</TableHead>
            </TableRow>
          </TableHeader>
          {cohorts.length === 0 ? (
            <TableEmpty
              colSpan={4}
              icon={CalendarPlus}
              title="No private cohorts yet"
              description={`Plan one below: ${organization.name}'s administrators can then assign members to it.`}
            />
          ) : (
            <TableBody>
              {cohorts.map((c) => (
                <TableRow key={c._id} data-testid="private-cohort-row">
                  <TableCell>
                    <Link
                      href={`/admin/cohorts/${c._id}`}
                      className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                    >
                      {c.name}
                    </Link>
                    <p className="text-gray-600">
                      {c.courseTitle}
                      {c.instructorName ? ` · ${c.instructorName}` : ""}
                    </p>
                    <p className="text-gray-600 sm:hidden">{formatDateRange(c.startDate, c.endDate, c.timezone)}</p>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    {formatDateRange(c.startDate, c.endDate, c.timezone)}
                  </TableCell>
                  <TableCell>
                    <Badge tone={COHORT_STATUS[c.status].tone}>{COHORT_STATUS[c.status].label}</Badge>
                  </TableCell>
                  <TableCell numeric className="text-gray-900">
                    {c.currentEnrollment} / {c.maxCapacity}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      </section>

      <NewPrivateCohort organizationId={organization._id} organizationName={organization.name} />
    </div>
  );
}

function NewPrivateCohort({
  organizationId,
  organizationName,
}: {
  organizationId: Id<"organizations">;
  organizationName: string;
}) {
  const courses = useQuery(api.catalog.browse.listCourses, {});
  const create = useMutation(api.organizations.privateCohorts.create);
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, run } = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const plan = readPrivateCohortPlan(new FormData(event.currentTarget), "private");
    if (typeof plan === "string") {
      toast("error", plan);
      return;
    }
    void run(() => create({ organizationId, plan }), {
      success: `${plan.name} planned; ${organizationName}'s administrators can assign members to it now.`,
      onSuccess: () => formRef.current?.reset(),
    });
  };
  return (
    <Card className="p-6">
      <h2 className="text-base font-semibold text-gray-900">New private cohort</h2>
      <p className="mt-1 text-sm text-gray-600">
        Its live sessions are planned from the course outline; each member placed in it uses one of {organizationName}
        &rsquo;s seats.
      </p>
      {courses === undefined ? (
        <Skeleton className="mt-4 h-72" />
      ) : courses.length === 0 ? (
        <p className="mt-4 text-sm text-gray-700">
          Publish a course first:{" "}
          <Link href="/admin/courses" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
            courses
          </Link>
          .
        </p>
      ) : (
        <form ref={formRef} className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
          <PrivateCohortFields prefix="private" courses={courses} defaultName={`${organizationName} cohort`} />
          <div className="sm:col-span-2">
            <Button type="submit" loading={pending}>
              Create private cohort
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
