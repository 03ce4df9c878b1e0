"use client";
import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";

type Draft = { name: string; domain: string; contactName: string; contactEmail: string; seats: string; requestId?: Id<"contactSubmissions"> };
const EMPTY: Draft = { name: "", domain: "", contactName: "", contactEmail: "", seats: "10" };
const STATUS_TONE = { active: "success", pending_payment: "warning", suspended: "danger" } as const;

export function OrganizationsAdmin() {
  const organizations = useQuery(api.organizations.directory.list);
  const requests = useQuery(api.organizations.teamRequests.list);
  const decide = useMutation(api.organizations.domains.decideDomain);
  const dismiss = useMutation(api.organizations.teamRequests.dismiss);
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      toast("success", done);
    } catch (error) {
      toast("error", errorMessage(error));
    }
  };
  const pendingDomains = (organizations ?? []).filter((o) => o.domainStatus === "requested");
  return (
    <div className="space-y-10">
      <section>
        <h1 className="text-xl font-semibold text-gray-900">Admin · Organizations</h1>
        {organizations === undefined ? (
          <Skeleton className="mt-6 h-48" />
        ) : (
          <div className="mt-6 overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
                <tr>
                  <th scope="col" className="px-4 py-3">Organization</th>
                  <th scope="col" className="px-4 py-3">Status</th>
                  <th scope="col" className="px-4 py-3 text-right">Seats</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {organizations.map((o) => (
                  <tr key={o._id}>
                    <td className="px-4 py-3">
                      <Link href={`/org/${o._id}`} className="font-medium text-gray-900 hover:text-brand-800 hover:underline">
                        {o.name}
                      </Link>
                      <p className="text-gray-600">
                        @{o.domain} · {o.contactEmail}
                      </p>
                    </td>
                    <td className="px-4 py-3">
                      <Badge tone={STATUS_TONE[o.status]}>{o.status.replace("_", " ")}</Badge>
                    </td>
                    <td className="tabular px-4 py-3 text-right">
                      {o.seatsUsed} / {o.seatsPurchased}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
                <Button size="sm" onClick={() => void act(() => decide({ organizationId: o._id, approve: true }), `@${o.domain} approved.`)}>
                  Approve
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void act(() => decide({ organizationId: o._id, approve: false }), `@${o.domain} rejected.`)}>
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
                    setDraft({ name: r.company ?? "", domain: r.email.split("@")[1] ?? "", contactName: r.name, contactEmail: r.email, seats: String(parseInt(r.teamSize ?? "", 10) || 10), requestId: r._id })
                  }
                >
                  Set up organization
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void act(() => dismiss({ requestId: r._id, spam: true }), "Marked as spam.")}>
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
  const [courseId, setCourseId] = useState("");
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const course = courseId || courses?.[0]?._id;
    if (!course) return;
    setBusy(true);
    try {
      await create({ ...draft, seats: Number(draft.seats), courseId: course as Id<"courses"> });
      toast("success", `${draft.name} created; the seat invoice goes to ${draft.contactEmail}.`);
      setDraft(EMPTY);
    } catch (error) {
      toast("error", errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="p-6">
      <h2 className="text-base font-semibold text-gray-900">New organization</h2>
      <p className="mt-1 text-sm text-gray-600">The contact becomes its administrator; Stripe emails them the seat invoice.</p>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={(e) => void onSubmit(e)}>
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
          <Input id="org-contact-email" type="email" required value={draft.contactEmail} onChange={set("contactEmail")} />
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
        <div className="sm:col-span-2">
          <Button type="submit" loading={busy}>
            Create and send invoice
          </Button>
        </div>
      </form>
    </Card>
  );
}
