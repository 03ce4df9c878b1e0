"use client";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { BellOff, CheckCheck } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";
import { formatShortDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";

/** The notifications list (newest first, live) and per-category channel choices. */
export function NotificationCenter() {
  const { results, status, loadMore } = usePaginatedQuery(api.notifications.list, {}, { initialNumItems: 20 });
  const unread = useQuery(api.notifications.unreadCount) ?? 0;
  const markRead = useMutation(api.notifications.markRead);
  const markAllRead = useMutation(api.notifications.markAllRead);
  const toast = useToast();
  const read = (id: Id<"notifications">) => markRead({ notificationId: id }).catch((error: unknown) => toast("error", errorMessage(error)));
  return (
    <div className="mx-auto grid max-w-[1100px] gap-8 px-4 py-10 lg:grid-cols-[1fr_340px]">
      <section aria-labelledby="notifications-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 id="notifications-heading" className="text-xl font-semibold text-gray-900">
            Notifications
          </h1>
          <Button
            variant="secondary"
            size="sm"
            disabled={unread === 0}
            onClick={() => {
              markAllRead({}).catch((error: unknown) => toast("error", errorMessage(error)));
            }}
          >
            <CheckCheck className="size-4" aria-hidden /> Mark all as read
          </Button>
        </div>
        <div className="mt-4">
          {status === "LoadingFirstPage" ? (
            <Skeleton className="h-64" />
          ) : results.length === 0 ? (
            <EmptyState icon={BellOff} title="Nothing yet" description="Schedule changes, reminders and recordings of your cohorts appear here." />
          ) : (
            <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
              {results.map((n) => (
                <li key={n._id} className={cn("flex gap-3 px-4 py-3", n.readAt === undefined && "bg-brand-50/40")} data-testid="notification">
                  <span className={cn("mt-2 size-2 shrink-0 rounded-full", n.readAt === undefined ? "bg-brand-600" : "bg-transparent")} aria-hidden />
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-gray-900">
                      {n.url ? (
                        <Link href={n.url} className="hover:underline" onClick={() => void read(n._id)}>
                          {n.title}
                        </Link>
                      ) : (
                        n.title
                      )}
                      {n.readAt === undefined && <span className="sr-only"> (unread)</span>}
                    </p>
                    <p className="text-sm text-gray-700">{n.body}</p>
                    <p className="mt-0.5 text-xs text-gray-600">{formatShortDateTime(n.createdAt)}</p>
                  </div>
                  {n.readAt === undefined && (
                    <Button variant="ghost" size="sm" onClick={() => void read(n._id)}>
                      Mark read<span className="sr-only">: {n.title}</span>
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {status === "CanLoadMore" && (
            <Button variant="secondary" className="mt-3" onClick={() => loadMore(20)}>
              Show older
            </Button>
          )}
        </div>
      </section>
      <Preferences />
    </div>
  );
}

function Preferences() {
  const preferences = useQuery(api.notifications.preferences);
  // Optimistic: the box changes at once; the server's answer replaces it (or rolls it back on error).
  const setPreference = useMutation(api.notifications.setPreference).withOptimisticUpdate((store, { category, inApp, email }) => {
    const current = store.getQuery(api.notifications.preferences, {});
    if (current) store.setQuery(api.notifications.preferences, {}, current.map((p) => (p.category === category ? { ...p, inApp, email } : p)));
  });
  const toast = useToast();
  return (
    <section aria-labelledby="preferences-heading">
      <Card className="p-5">
        <h2 id="preferences-heading" className="text-base font-semibold text-gray-900">
          What we send you
        </h2>
        <p className="mt-1 text-sm text-gray-600">Changes to your sessions always reach you: they change where you need to be.</p>
        {preferences === undefined ? (
          <Skeleton className="mt-4 h-40" />
        ) : (
          <table className="mt-4 w-full text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-gray-600">
                <th scope="col" className="py-1 font-semibold">Category</th>
                <th scope="col" className="py-1 text-center font-semibold">In app</th>
                <th scope="col" className="py-1 text-center font-semibold">Email</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {preferences.map((p) => (
                <tr key={p.category}>
                  <th scope="row" className="py-2 pr-2 text-left font-normal text-gray-800">
                    {p.label}
                    {p.critical && (
                      <Badge tone="neutral" className="ml-1">
                        Always on
                      </Badge>
                    )}
                  </th>
                  {(["inApp", "email"] as const).map((channel) => (
                    <td key={channel} className="py-2 text-center">
                      <input
                        type="checkbox"
                        className="size-4 accent-brand-600"
                        aria-label={`${p.label}: ${channel === "inApp" ? "in app" : "email"}`}
                        checked={p[channel]}
                        disabled={p.critical}
                        onChange={(e) => {
                          setPreference({ category: p.category, inApp: channel === "inApp" ? e.target.checked : p.inApp, email: channel === "email" ? e.target.checked : p.email }).catch(
                            (error: unknown) => toast("error", errorMessage(error)),
                          );
                        }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </section>
  );
}
