"use client";
import { useMutation } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DOMAIN_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { PurchaseHistory } from "./billing-panel";

export function SettingsPanel({
  organizationId,
  domain,
  domainStatus,
  domainJoinEnabled,
}: {
  organizationId: Id<"organizations">;
  domain: string;
  domainStatus: keyof typeof DOMAIN_STATUS | null;
  domainJoinEnabled: boolean;
}) {
  const requestDomain = useMutation(api.organizations.domains.requestDomain);
  const setJoin = useMutation(api.organizations.domains.setDomainJoin);
  const { isPending, pending, run } = useSubmit();
  const [value, setValue] = useState(domain);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => requestDomain({ organizationId, domain: value }), {
      key: "domain",
      success: "Domain saved. The academy will review it shortly.",
    });
  };
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card className="p-5">
        <h3 className="font-semibold text-gray-900">Join by email domain</h3>
        <p className="mt-1 text-sm text-gray-600">
          Anyone who signs in with an address at your domain can take a free seat, without an invitation. The academy
          approves the domain first; you can switch joining off at any time.
        </p>
        <form className="mt-4 flex flex-wrap items-end gap-3" onSubmit={onSubmit}>
          <div className="min-w-48 flex-1">
            <Field id="org-domain" label="Email domain">
              <Input id="org-domain" value={value} onChange={(e) => setValue(e.target.value)} placeholder="acme.com" />
            </Field>
          </div>
          <Button
            type="submit"
            variant="secondary"
            loading={isPending("domain")}
            disabled={pending || value.trim() === "" || value.trim() === domain}
          >
            Save domain
          </Button>
        </form>
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <span className="text-gray-700">@{domain}</span>
          {domainStatus && <Badge tone={DOMAIN_STATUS[domainStatus].tone}>{DOMAIN_STATUS[domainStatus].label}</Badge>}
          <Badge tone={domainJoinEnabled ? "success" : "neutral"}>
            {domainJoinEnabled ? "Joining is on" : "Joining is off"}
          </Badge>
        </div>
        <Button
          className="mt-4"
          variant={domainJoinEnabled ? "secondary" : "primary"}
          loading={isPending("join")}
          disabled={pending || (!domainJoinEnabled && domainStatus !== "approved")}
          onClick={() =>
            void run(() => setJoin({ organizationId, enabled: !domainJoinEnabled }), {
              key: "join",
              success: domainJoinEnabled ? "Joining by domain is off." : `People at @${domain} can now join.`,
            })
          }
        >
          {domainJoinEnabled ? "Switch joining off" : "Let colleagues join"}
        </Button>
      </Card>
      <div>
        <h3 className="font-semibold text-gray-900">Seat invoices</h3>
        <div className="mt-3">
          <PurchaseHistory organizationId={organizationId} />
        </div>
      </div>
    </div>
  );
}
