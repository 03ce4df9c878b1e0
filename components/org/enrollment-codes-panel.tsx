"use client";
import { useMutation, useQuery } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { endOfDay, UsesAndExpiryFields } from "@/components/admin/code-parts";
import { EnrollmentCodeTable, RedemptionList } from "@/components/admin/enrollment-codes-admin";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/lib/use-submit";

/** An organization admin's enrollment codes: each one gives the organization's seats in one of its cohorts. */
export function EnrollmentCodesPanel({ organizationId }: { organizationId: Id<"organizations"> }) {
  const codes = useQuery(api.codes.enrollment.listForOrganization, { organizationId });
  const cohorts = useQuery(api.organizations.members.assignableCohorts, { organizationId });
  const create = useMutation(api.codes.enrollment.createForOrganization);
  const disable = useMutation(api.codes.enrollment.disableForOrganization);
  const { isPending, pending, run } = useSubmit();
  const [cohortId, setCohortId] = useState("");
  const [maxUses, setMaxUses] = useState("10");
  const [validUntil, setValidUntil] = useState("");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cohort = cohortId || cohorts?.[0]?._id;
    if (!cohort) return;
    void run(
      () =>
        create({
          organizationId,
          cohortId: cohort as Id<"cohorts">,
          maxUses: Number(maxUses),
          ...(validUntil ? { expiresAt: endOfDay(validUntil) } : {}),
        }),
      { key: "create", success: (created) => `Code ${created.code} created: share it with the people to enroll.` },
    );
  };
  return (
    <div className="space-y-6">
      <div>
        <h3 className="font-semibold text-gray-900">Enrollment codes</h3>
        <p className="mt-1 text-sm text-gray-600">
          Whoever redeems a code at /redeem joins the organization, takes one of its seats and is enrolled in the
          cohort.
        </p>
        <EnrollmentCodeTable
          codes={codes}
          isPending={isPending}
          redemptionsOf={(id) => <OrgRedemptions organizationId={organizationId} enrollmentCodeId={id} />}
          onDisable={(code) =>
            void run(() => disable({ organizationId, enrollmentCodeId: code._id }), {
              key: code._id,
              success: `${code.code} is disabled.`,
            })
          }
        />
      </div>
      <Card className="p-5">
        <h3 className="font-semibold text-gray-900">New enrollment code</h3>
        <form className="mt-4 grid gap-4 sm:grid-cols-3" onSubmit={onSubmit}>
          <Field id="org-code-cohort" label="Cohort">
            <Select id="org-code-cohort" value={cohortId} onChange={(e) => setCohortId(e.target.value)}>
              {(cohorts ?? []).map((c) => (
                <option key={c._id} value={c._id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <UsesAndExpiryFields
            idPrefix="org-code"
            maxUses={maxUses}
            onMaxUses={setMaxUses}
            validUntil={validUntil}
            onValidUntil={setValidUntil}
          />
          <div className="sm:col-span-3">
            <Button type="submit" loading={pending && isPending("create")}>
              Create enrollment code
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}

function OrgRedemptions({
  organizationId,
  enrollmentCodeId,
}: {
  organizationId: Id<"organizations">;
  enrollmentCodeId: Id<"enrollmentCodes">;
}) {
  return (
    <RedemptionList
      rows={useQuery(api.codes.enrollment.redemptionsForOrganization, { organizationId, enrollmentCodeId })}
    />
  );
}
