"use client";
import { useConvex, useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { Download, Eye, ShieldCheck } from "lucide-react";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatDateTime } from "@/lib/format";
import { MANAGER_ACCESS_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import type { ErasureCertificateChoice } from "@/convex/validators";
import { cn } from "@/lib/utils";

const CHOICES = [
  {
    key: "allowManagerViewActivity",
    label: "My activity",
    help: "When I was last active. Without it, managers see only my progress.",
  },
  {
    key: "allowManagerViewCertificates",
    label: "My certificates",
    help:
      "Which certificates and skill badges I hold, and so which courses I completed. " +
      "Without it, managers see neither my completions nor my skill levels.",
  },
  {
    key: "allowManagerViewScores",
    label: "My assessment scores",
    help: "My latest score and learning gain. Never my answers.",
  },
  { key: "allowLeaderboardDisplay", label: "Leaderboards", help: "Show my name on team leaderboards." },
] as const;

/** What managers may see, who looked, a copy of it all, and asking for erasure. */
export function PrivacySettings() {
  const data = useQuery(api.privacy.controls.mine);
  // Optimistic: a switch flips at once; the server's answer replaces it (or rolls it back on error).
  const update = useMutation(api.privacy.controls.update).withOptimisticUpdate((store, settings) => {
    const current = store.getQuery(api.privacy.controls.mine, {});
    if (current) store.setQuery(api.privacy.controls.mine, {}, { ...current, settings });
  });
  const requestErasure = useMutation(api.privacy.erasure.request);
  const convex = useConvex();
  const { isPending, run } = useSubmit();
  if (data === undefined) {
    return (
      <div className="mx-auto max-w-[800px] space-y-4 px-4 py-10" aria-busy>
        <Skeleton className="h-8 w-1/3" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (data === null) return null;
  const settings = data.settings;
  const downloadExport = () =>
    run(
      async () => {
        const json = await convex.query(api.privacy.controls.exportMine, {});
        const url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 2)], { type: "application/json" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = "what-managers-see.json";
        link.click();
        URL.revokeObjectURL(url);
      },
      { key: "export" },
    );
  return (
    <div className="mx-auto max-w-[800px] px-4 py-10">
      <h1 className="flex items-center gap-2 text-xl font-semibold text-gray-900">
        <ShieldCheck className="size-5 text-brand-700" aria-hidden /> Privacy
      </h1>
      <p className="mt-1 text-sm text-gray-600">
        {data.organizationName
          ? `Managers at ${data.organizationName} see your progress, lessons and attendance. You decide the rest. ` +
            "They never see your chats, answers, bookmarks or profile details."
          : "You are not part of an organization, so no manager sees your learning. " +
            "These choices apply if you join one."}
      </p>

      <Card className="mt-6 divide-y divide-gray-100">
        {CHOICES.map((choice) => (
          <label key={choice.key} className="flex cursor-pointer items-start justify-between gap-4 p-4">
            <span>
              <span className="block text-sm font-medium text-gray-900">{choice.label}</span>
              <span className="block text-xs text-gray-600">{choice.help}</span>
            </span>
            <Checkbox
              role="switch"
              className="mt-1 size-5"
              checked={settings[choice.key]}
              disabled={isPending(choice.key)}
              aria-label={`Managers may see: ${choice.label}`}
              onCheckedChange={(checked) =>
                void run(() => update({ ...settings, [choice.key]: checked }), { key: choice.key, success: "Saved." })
              }
            />
          </label>
        ))}
      </Card>

      <section aria-labelledby="views-heading" className="mt-8">
        <h2 id="views-heading" className="flex items-center gap-2 text-base font-semibold text-gray-900">
          <Eye className="size-4" aria-hidden /> Who looked at your progress
        </h2>
        {data.views.filter((v) => v.accessType === "view_individual").length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">No manager has opened your progress.</p>
        ) : (
          <ul
            className="mt-2 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white"
            data-testid="privacy-views"
          >
            {data.views
              .filter((v) => v.accessType === "view_individual")
              .map((view) => (
                <li
                  key={`${view.managerName}-${view.timestamp}`}
                  className="flex justify-between gap-3 px-4 py-2 text-sm"
                >
                  <span>
                    <span className="font-medium text-gray-900">{view.managerName}</span> ·{" "}
                    {MANAGER_ACCESS_LABEL[view.accessType]}
                  </span>
                  <span className="text-gray-600">{formatDateTime(view.timestamp)}</span>
                </li>
              ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="data-heading" className="mt-8">
        <h2 id="data-heading" className="text-base font-semibold text-gray-900">
          Your data
        </h2>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <Button variant="secondary" loading={isPending("export")} onClick={() => void downloadExport()}>
            <Download className="size-4" aria-hidden /> Download what managers can see (JSON)
          </Button>
          {data.erasure && data.erasure.status !== "completed" ? (
            <p className="text-sm text-gray-700" data-testid="erasure-status">
              {data.erasure.status === "in_progress"
                ? "Your data is being erased now. We confirm by email when it is done."
                : `Erasure requested on ${formatDate(data.erasure.requestedAt)}. ` +
                  "We carry it out within 30 days and confirm by email."}
            </p>
          ) : (
            <ErasureDialog onRequest={(certificates) => requestErasure({ certificates })} />
          )}
        </div>
      </section>
    </div>
  );
}

/** Asking for erasure: what it means, and what happens to certificates (the person's choice). */
function ErasureDialog({ onRequest }: { onRequest: (certificates: ErasureCertificateChoice) => Promise<null> }) {
  const [open, setOpen] = useState(false);
  const [certificates, setCertificates] = useState<ErasureCertificateChoice>("keep");
  const { pending, handleSubmit } = useSubmit();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost">Ask for erasure</Button>
      </DialogTrigger>
      <DialogContent
        title="Erase my personal data"
        description={
          "We remove your name, email address and contact details everywhere, sign you out and close your account. " +
          "Records of what you paid stay, without your contact details, as tax law requires."
        }
      >
        <form
          onSubmit={handleSubmit(() => onRequest(certificates), {
            success: "Erasure requested. We will confirm by email.",
            onSuccess: () => setOpen(false),
          })}
        >
          <fieldset>
            <legend className="text-sm font-medium text-gray-900">Your certificates</legend>
            {(
              [
                ["keep", "Keep them valid", "They still verify under your name wherever you shared them."],
                ["revoke", "Revoke them", "Verifiers see them as revoked, and their files are deleted."],
              ] as const
            ).map(([value, label, help]) => (
              <label
                key={value}
                className={cn(
                  "mt-2 flex cursor-pointer items-start gap-3 rounded-md border border-gray-200 px-3 py-2.5 text-sm",
                  "has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50",
                )}
              >
                <input
                  type="radio"
                  name="certificates"
                  value={value}
                  checked={certificates === value}
                  onChange={() => setCertificates(value)}
                  className="mt-0.5 accent-brand-600"
                />
                <span>
                  <span className="block font-medium text-gray-900">{label}</span>
                  <span className="text-gray-600">{help}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" loading={pending}>
              Ask for erasure
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
