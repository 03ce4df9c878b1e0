"use client";
import { useMutation } from "convex/react";
import { AlertTriangle, EyeOff } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";
import { formatPercent } from "@/lib/format";
import { PACE } from "@/lib/labels";
import { cn } from "@/lib/utils";

export function PaceBadge({ pace }: { pace: keyof typeof PACE }) {
  return <Badge tone={PACE[pace].tone}>{PACE[pace].label}</Badge>;
}

export function DashboardSkeleton() {
  return (
    <div className="mx-auto max-w-[1100px] space-y-4 px-4 py-10" aria-busy>
      <Skeleton className="h-8 w-1/3" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-64" />
    </div>
  );
}

export function DashboardError({ message }: { message: string }) {
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <EmptyState icon={AlertTriangle} title="This dashboard is not available to you" description={message} />
    </div>
  );
}

/** What managers cannot see, said up front (and where learners control it). */
export function PrivacyNote() {
  return (
    <p
      className={cn(
        "mt-4 flex items-start gap-2 rounded-lg border border-gray-200 bg-gray-50 px-4 py-3",
        "text-sm text-gray-700",
      )}
    >
      <EyeOff className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
      <span>
        You see progress and attendance. Certificates, completions and skill levels only where a learner shares them;
        scores only where a learner agreed, and their averages only over 5 or more such learners. You never see chats,
        assessment answers, bookmarks or personal profile details. Learners choose this in their privacy settings, and
        each time you open a person they can see that you did.
      </span>
    </p>
  );
}

/**
 * The average learning gain, or why it is hidden (the server decides: view_scores and at least 5 learners who share
 * scores).
 */
export function learningGainStat(figures: {
  avgLearningGain: number | null;
  learningGainHidden: "permission" | "too_few" | null;
}) {
  if (figures.avgLearningGain !== null)
    return { value: formatPercent(figures.avgLearningGain), hint: "Pre → post, of learners who share scores" };
  return {
    value: "Hidden",
    hint:
      figures.learningGainHidden === "permission"
        ? "Your role does not include scores"
        : "Hidden: fewer than 5 learners share scores",
  };
}

/** Logs one view of a dashboard or a person, once per mount; `ready` turns true when the log is written. */
export function useRecordView(
  organizationId: Id<"organizations">,
  accessType: "view_dashboard" | "view_individual",
  targetUserId?: Id<"users">,
) {
  const recordView = useMutation(api.dashboards.views.recordView);
  const [state, setState] = useState<{ ready: boolean; error: string | null }>({ ready: false, error: null });
  const sent = useRef<string | null>(null);
  useEffect(() => {
    const key = `${organizationId}/${accessType}/${targetUserId ?? ""}`;
    if (sent.current === key) return;
    sent.current = key;
    recordView({ organizationId, accessType, ...(targetUserId ? { targetUserId } : {}) })
      .then(() => setState({ ready: true, error: null }))
      .catch((error: unknown) => setState({ ready: false, error: errorMessage(error) }));
  }, [organizationId, accessType, targetUserId, recordView]);
  return state;
}

/** Dashboard | teams | console links along the top of every dashboard page. */
export function DashboardNav({
  organizationId,
  current,
  teams,
  orgWide,
}: {
  organizationId: Id<"organizations">;
  current: string;
  teams: Array<{ _id: Id<"teams">; name: string }>;
  orgWide: boolean;
}) {
  const links = [
    ...(orgWide ? [{ href: `/org/${organizationId}/dashboard`, label: "Organization" }] : []),
    ...teams.map((team) => ({ href: `/org/${organizationId}/teams/${team._id}`, label: team.name })),
    { href: `/org/${organizationId}/reports`, label: "Reports" },
    { href: `/org/${organizationId}`, label: "Members & seats" },
  ];
  return (
    <nav aria-label="Dashboards" className="mt-4 flex gap-1 overflow-x-auto border-b border-gray-200">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current === link.href ? "page" : undefined}
          className={cn(
            "border-b-2 px-3 py-2 text-sm whitespace-nowrap",
            current === link.href
              ? "border-brand-600 font-medium text-gray-900"
              : "border-transparent text-gray-600 hover:text-gray-900",
          )}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
