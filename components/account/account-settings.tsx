"use client";
import { useMutation, useQuery } from "convex/react";
import { Bell, Mail, ShieldCheck, UserRound } from "lucide-react";
import Link from "next/link";
import { useMemo, useState, type FormEvent } from "react";
import type { FunctionReturnType } from "convex/server";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatShortDateTime, formatZoneName } from "@/lib/format";
import { useMounted } from "@/lib/use-mounted";
import { useNow } from "@/lib/use-now";
import { useSubmit } from "@/lib/use-submit";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/utils";

type Profile = NonNullable<FunctionReturnType<typeof api.users.profile.mine>>;

/** /account: the person's details, the zone their schedule is shown in, and the address they sign in with. */
export function AccountSettings() {
  const profile = useQuery(api.users.profile.mine);
  if (profile === undefined) {
    return (
      <Frame>
        <div className="space-y-4" aria-busy>
          <Skeleton className="h-96" />
          <Skeleton className="h-40" />
        </div>
      </Frame>
    );
  }
  if (profile === null) return null;
  return (
    <Frame>
      {/* Remounted when the saved profile changes elsewhere, so the form starts from what is stored. */}
      <ProfileForm key={JSON.stringify(profile)} profile={profile} />
      <EmailSection profile={profile} />
      <Card className="mt-6 divide-y divide-gray-100">
        <SettingsLink
          href="/notifications"
          icon={Bell}
          title="Notifications"
          text="Which emails and in-app notices you get."
        />
        <SettingsLink
          href="/learn/privacy"
          icon={ShieldCheck}
          title="Privacy"
          text="What managers may see, who looked, and a copy of your data."
        />
      </Card>
    </Frame>
  );
}

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-[720px] px-4 py-10">
      <h1 className="flex items-center gap-2 text-xl font-semibold text-gray-900">
        <UserRound className="size-5 text-brand-700" aria-hidden /> Your account
      </h1>
      <p className="mt-1 text-sm text-gray-600">
        Your instructors and classmates see your name, company and title. Managers never see your phone number.
      </p>
      <div className="mt-6">{children}</div>
    </div>
  );
}

function SettingsLink({
  href,
  icon: Icon,
  title,
  text,
}: {
  href: string;
  icon: typeof Bell;
  title: string;
  text: string;
}) {
  return (
    <Link href={href} className="flex items-start gap-3 p-4 hover:bg-gray-50 focus-visible:bg-gray-50">
      <Icon className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
      <span>
        <span className="block text-sm font-medium text-gray-900">{title}</span>
        <span className="block text-xs text-gray-600">{text}</span>
      </span>
    </Link>
  );
}

/** Every zone the browser knows, with its long name now ("Europe/Berlin (Central European Standard Time)"). */
function useZones(mounted: boolean) {
  const now = useNow(60 * 60 * 1000);
  return useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return zones.map((zone) => ({
      zone,
      label: `${zone.replace(/_/g, " ")}${mounted ? ` (${formatZoneName(now, zone)})` : ""}`,
    }));
  }, [mounted, now]);
}

function ProfileForm({ profile }: { profile: Profile }) {
  const update = useMutation(api.users.profile.update);
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const mounted = useMounted();
  const zones = useZones(mounted);
  const [fields, setFields] = useState({
    name: profile.name,
    company: profile.company ?? "",
    title: profile.title ?? "",
    linkedInUrl: profile.linkedInUrl ?? "",
    phoneNumber: profile.phoneNumber ?? "",
    timezone: profile.timezone ?? "",
  });
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.target.value }));
  const deviceZone = mounted ? Intl.DateTimeFormat().resolvedOptions().timeZone : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => update(fields), { success: "Profile saved." });
  };
  return (
    <Card className="p-6">
      <form onSubmit={onSubmit} className="space-y-4" aria-label="Profile">
        <h2 className="text-base font-semibold text-gray-900">Profile</h2>
        <Field id="profile-name" label="Name">
          <Input
            id="profile-name"
            value={fields.name}
            onChange={set("name")}
            autoComplete="name"
            required
            maxLength={120}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="profile-company" label="Company">
            <Input
              id="profile-company"
              value={fields.company}
              onChange={set("company")}
              autoComplete="organization"
              maxLength={120}
            />
          </Field>
          <Field id="profile-title" label="Job title">
            <Input
              id="profile-title"
              value={fields.title}
              onChange={set("title")}
              autoComplete="organization-title"
              maxLength={120}
            />
          </Field>
        </div>
        <Field id="profile-linkedin" label="LinkedIn profile" hint="For example https://www.linkedin.com/in/your-name">
          <Input
            id="profile-linkedin"
            value={fields.linkedInUrl}
            onChange={set("linkedInUrl")}
            inputMode="url"
            maxLength={200}
          />
        </Field>
        <Field id="profile-phone" label="Phone" hint="Only for text reminders you switch on. Managers never see it.">
          <Input
            id="profile-phone"
            value={fields.phoneNumber}
            onChange={set("phoneNumber")}
            type="tel"
            autoComplete="tel"
            maxLength={30}
          />
        </Field>
        <Field
          id="profile-timezone"
          label="Timezone"
          hint={
            "Your schedule and office hours are shown in this zone. " +
            "Emails give times in the cohort's own zone, which they name."
          }
        >
          <Select id="profile-timezone" value={fields.timezone} onChange={set("timezone")}>
            <option value="">{deviceZone ? `This device's timezone (${deviceZone})` : "This device's timezone"}</option>
            {/* A zone chosen on another device stays selectable even if this browser does not list it. */}
            {fields.timezone && !zones.some(({ zone }) => zone === fields.timezone) && (
              <option value={fields.timezone}>{fields.timezone}</option>
            )}
            {zones.map(({ zone, label }) => (
              <option key={zone} value={zone}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        {error && <FormError>{error}</FormError>}
        <div className="flex justify-end">
          <Button type="submit" loading={pending}>
            Save profile
          </Button>
        </div>
      </form>
    </Card>
  );
}

function EmailSection({ profile }: { profile: Profile }) {
  const request = useMutation(api.users.profile.requestEmailChange);
  const cancel = useMutation(api.users.profile.cancelEmailChange);
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const [newEmail, setNewEmail] = useState("");
  const mounted = useMounted();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => request({ newEmail }), { success: "Confirmation link sent.", onSuccess: () => setNewEmail("") });
  };
  return (
    <Card className="mt-6 p-6">
      <h2 className="flex items-center gap-2 text-base font-semibold text-gray-900">
        <Mail className="size-4 text-gray-500" aria-hidden /> Email address
      </h2>
      <p className="mt-1 text-sm text-gray-700">
        You sign in with <strong data-testid="current-email">{profile.email}</strong>, and our emails go there.
      </p>
      {profile.pendingEmail && (
        <div
          className={cn(
            "mt-4 flex flex-wrap items-center justify-between gap-3",
            "rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900",
          )}
          role="status"
          data-testid="pending-email"
        >
          <p>
            We sent a link to <strong>{profile.pendingEmail.email}</strong>. Open it while signed in to switch
            {mounted ? ` (it works until ${formatShortDateTime(profile.pendingEmail.expiresAt)})` : ""}.
          </p>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => void run(() => cancel({}), { success: "Request withdrawn.", key: "cancel" })}
          >
            Withdraw
          </Button>
        </div>
      )}
      <form
        onSubmit={onSubmit}
        className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
        aria-label="Change email address"
      >
        <div className="flex-1">
          <Field id="new-email" label="New email address">
            <Input
              id="new-email"
              type="email"
              value={newEmail}
              onChange={(event) => setNewEmail(event.target.value)}
              autoComplete="email"
              required
              maxLength={254}
            />
          </Field>
        </div>
        <Button type="submit" variant="secondary" loading={pending}>
          Send confirmation link
        </Button>
      </form>
      {error && <FormError className="mt-3">{error}</FormError>}
    </Card>
  );
}
