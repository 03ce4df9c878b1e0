"use client";
import { useMutation, useQuery } from "convex/react";
import { Building2 } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { ORGANIZATION_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { PrivateCohortFields, readPrivateCohortPlan } from "./private-cohort-fields";

type Draft = {
  name: string;
  domain: string;
  contactName: string;
  contactEmail: string;
  seats: string;
  requestId?: Id<"contactSubmissions">;
};
const EMPTY: Draft = { name: "", domain: "", contactName: "", contactEmail: "", seats: "10" };

export function OrganizationsAdmin() {
  const organizations = useQuery(api.organizations.directory.list);
  const requests = useQuery(api.organizations.teamRequests.list);
  const decide = useMutation(api.organizations.domains.decideDomain);
  const dismiss = useMutation(api.organizations.teamRequests.dismiss);
  const { isPending, run } = useSubmit();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const pendingDomains = (organizations ?? []).filter((o) => o.domainStatus === "requested");
  return (
    <div className="space-y-10">
      <section>
        <h1 className="text-xl font-semibold text-gray-900">Admin · Organizations</h1>
        {organizations === undefined ? (
          <Skeleton className="mt-6 h-48" />
        ) : (
          <Table caption="Organizations" sticky="page" className="mt-6">
            <TableHeader>
              <TableRow>
                <TableHead>Organization</TableHead>
                <TableHead>Status</TableHead>
                <TableHead align="right">Seats</TableHead>
              </TableRow>
            </TableHeader>
            {organizations.length === 0 ? (
              <TableEmpty
                colSpan={3}
                icon={Building2}
                title="No organizations yet"
                description="Set one up below, or from a “Buy for my team” request."
              />
            ) : (
              <TableBody>
                {organizations.map((o) => (
                  <TableRow key={o._id}>
                    <TableCell>
                      <Link
                        href={`/admin/organizations/${o._id}`}
                        className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                      >
                        {o.name}
                      </Link>
                      <p className="break-all text-gray-600">
                        @{o.domain} · {o.contactEmail} ·{" "}
                        <Link
                          href={`/org/${o._id}`}
                          className="text-brand-700 underline underline-offset-2 hover:text-brand-800"
                        >
                          console
                        </Link>
                      </p>
                    </TableCell>
                    <TableCell>
                      <Badge tone={ORGANIZATION_STATUS[o.status].tone}>{ORGANIZATION_STATUS[o.status].label}</Badge>
                    </TableCell>
                    <TableCell numeric className="text-gray-900">
                      {o.seatsUsed} / {o.seatsPurchased}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            )}
          </Table>
        )}
      </section>

      {pendingDomains.length > 0 && (
        <section>
          <h2 className="text-base font-semibold text-gray-900">Domains waiting for approval</h2>
          <ul className="mt-3 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
            {pendingDomains.map((o) => (
              <li key={o._id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <span className="flex-1">
                  <strong>@{o.domain}</strong> for {o.name}
                </span>
                <Button
                  size="sm"
                  loading={isPending(`approve:${o._id}`)}
                  onClick={() =>
                    void run(() => decide({ organizationId: o._id, approve: true }), {
                      key: `approve:${o._id}`,
                      success: `@${o.domain} approved.`,
                    })
                  }
                >
                  Approve
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  loading={isPending(`reject:${o._id}`)}
                  onClick={() =>
                    void run(() => decide({ organizationId: o._id, approve: false }), {
                      key: `reject:${o._id}`,
                      success: `@${o.domain} rejected.`,
                    })
                  }
                >
                  Reject
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section>
        <h2 className="text-base font-semibold text-gray-900">“Buy for my team” requests</h2>
        {requests === undefined ? (
          <Skeleton className="mt-3 h-24" />
        ) : requests.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">No open requests.</p>
        ) : (
          <ul className="mt-3 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
            {requests.map((r) => (
              <li key={r._id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-gray-900">
                    {r.company ?? "Unknown company"} · {r.teamSize ?? "?"} seats
                  </p>
                  <p className="text-gray-600">
                    {r.name} · {r.email} · {formatDate(r.createdAt)}
                  </p>
                  {r.message && <p className="mt-1 text-gray-700">{r.message}</p>}
                </div>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() =>
                    setDraft({
                      name: r.company ?? "",
                      domain: r.email.split("@")[1] ?? "",
                      contactName: r.name,
                      contactEmail: r.email,
                      seats: String(parseInt(r.teamSize ?? "", 10) || 10),
                      requestId: r._id,
                    })
                  }
                >
                  Set up organization
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  loading={isPending(`spam:${r._id}`)}
                  onClick={() =>
                    void run(() => dismiss({ requestId: r._id, spam: true }), {
                      key: `spam:${r._id}`,
                      success: "Marked as spam.",
                    })
                  }
                >
                  Spam
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <NewOrganization draft={draft} setDraft={setDraft} />
    </div>
  );
}

function NewOrganization({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
  const courses = useQuery(api.catalog.browse.listCourses, {});
  const create = useMutation(api.organizations.directory.create);
  const toast = useToast();
  const { pending, run } = useSubmit();
  const [courseId, setCourseId] = useState("");
  const [withCohort, setWithCohort] = useState(false);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const course = (courseId || courses?.[0]?._id) as Id<"courses"> | undefined;
    if (!course) return;
    const privateCohort = withCohort
      ? readPrivateCohortPlan(new FormData(event.currentTarget), "request", course)
      : null;
    if (typeof privateCohort === "string") {
      toast("error", privateCohort);
      return;
    }
    void run(
      () =>
        create({
          ...draft,
          seats: Number(draft.seats),
          courseId: course,
          ...(privateCohort ? { privateCohort } : {}),
        }),
      {
        success: privateCohort
          ? `${draft.name} created with ${privateCohort.name}; the seat invoice goes to ${draft.contactEmail}.`
          : `${draft.name} created; the seat invoice goes to ${draft.contactEmail}.`,
        onSuccess: () => {
          setDraft(EMPTY);
          setWithCohort(false);
        },
      },
    );
  };
  return (
    <Card className="p-6">
      <h2 className="text-base font-semibold text-gray-900">New organization</h2>
      <p className="mt-1 text-sm text-gray-600">
        The contact becomes its administrator; Stripe emails them the seat invoice.
      </p>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
        <Field id="org-name" label="Name">
          <Input id="org-name" required value={draft.name} onChange={set("name")} />
        </Field>
        <Field id="org-domain-new" label="Email domain">
          <Input id="org-domain-new" required value={draft.domain} onChange={set("domain")} placeholder="company.com" />
        </Field>
        <Field id="org-contact" label="Contact name">
          <Input id="org-contact" required value={draft.contactName} onChange={set("contactName")} />
        </Field>
        <Field id="org-contact-email" label="Contact email">
          <Input
            id="org-contact-email"
            type="email"
            required
            value={draft.contactEmail}
            onChange={set("contactEmail")}
          />
        </Field>
        <Field id="org-course" label="Programme">
          <Select id="org-course" value={courseId} onChange={(e) => setCourseId(e.target.value)}>
            {(courses ?? []).map((c) => (
              <option key={c._id} value={c._id}>
                {c.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="org-seats" label="Seats">
          <Input id="org-seats" type="number" min={1} max={1000} value={draft.seats} onChange={set("seats")} />
        </Field>
        <CheckboxField
          className="sm:col-span-2"
          checked={withCohort}
          onCheckedChange={setWithCohort}
          label="Also plan a private cohort of this programme"
          description="Only this organization sees it and assigns its members to it; it never appears in the catalog."
        />
        {withCohort && <PrivateCohortFields prefix="request" defaultName={draft.name ? `${draft.name} cohort` : ""} />}
        <div className="sm:col-span-2">
          <Button type="submit" loading={pending}>
            Create and send invoice
          </Button>
        </div>
      </form>
    </Card>
  );
}
