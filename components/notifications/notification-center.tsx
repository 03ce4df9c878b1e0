"use client";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { BellOff, CheckCheck } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { formatShortDateTime } from "@/lib/format";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

/** The notifications list (newest first, live) and per-category channel choices. */
export function NotificationCenter() {
  const { results, status, loadMore } = usePaginatedQuery(api.notifications.inbox.list, {}, { initialNumItems: 20 });
  const unread = useQuery(api.notifications.inbox.unreadCount) ?? 0;
  const markRead = useMutation(api.notifications.inbox.markRead);
  const markAllRead = useMutation(api.notifications.inbox.markAllRead);
  const { isPending, run } = useSubmit();
  const read = (id: Id<"notifications">) => void run(() => markRead({ notificationId: id }), { key: id });
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
            loading={isPending("all")}
            onClick={() => void run(() => markAllRead({}), { key: "all" })}
          >
            <CheckCheck className="size-4" aria-hidden /> Mark all as read
          </Button>
        </div>
        <div className="mt-4">
          {status === "LoadingFirstPage" ? (
            <Skeleton className="h-64" />
          ) : results.length === 0 ? (
            <EmptyState
              icon={BellOff}
              title="Nothing yet"
              description="Schedule changes, reminders and recordings of your cohorts appear here."
            />
          ) : (
            <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
              {results.map((n) => (
                <li
                  key={n._id}
                  className={cn("flex gap-3 px-4 py-3", n.readAt === undefined && "bg-brand-50/40")}
                  data-testid="notification"
                >
                  <span
                    className={cn(
                      "mt-2 size-2 shrink-0 rounded-full",
                      n.readAt === undefined ? "bg-brand-600" : "bg-transparent",
                    )}
                    aria-hidden
                  />
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-gray-900">
                      {n.url ? (
                        <Link href={n.url} className="hover:underline" onClick={() => read(n._id)}>
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
                    <Button variant="ghost" size="sm" loading={isPending(n._id)} onClick={() => read(n._id)}>
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
  const preferences = useQuery(api.notifications.preferences.preferences);
  // Optimistic: the box changes at once; the server's answer replaces it (or rolls it back on error).
  const setPreference = useMutation(api.notifications.preferences.setPreference).withOptimisticUpdate(
    (store, { category, inApp, email }) => {
      const current = store.getQuery(api.notifications.preferences.preferences, {});
      if (current)
        store.setQuery(
          api.notifications.preferences.preferences,
          {},
          current.map((p) => (p.category === category ? { ...p, inApp, email } : p)),
        );
    },
  );
  const { run } = useSubmit();
  return (
    <section aria-labelledby="preferences-heading">
      <Card className="p-5">
        <h2 id="preferences-heading" className="text-base font-semibold text-gray-900">
          What we send you
        </h2>
        <p className="mt-1 text-sm text-gray-600">
          Changes to your sessions always reach you: they change where you need to be.
        </p>
        {preferences === undefined ? (
          <Skeleton className="mt-4 h-40" />
        ) : (
          <Table caption="What we send you, by category and channel" className="mt-4">
            <TableHeader>
              <TableRow>
                <TableHead className="sm:px-3">Category</TableHead>
                <TableHead align="center" className="px-2 sm:px-2">
                  In app
                </TableHead>
                <TableHead align="center" className="px-2 sm:px-2">
                  Email
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preferences.map((p) => (
                <TableRow key={p.category}>
                  <TableRowHeader className="font-normal text-gray-800 sm:px-3">
                    {p.label}
                    {p.critical && (
                      <Badge tone="neutral" className="ml-1">
                        Always on
                      </Badge>
                    )}
                  </TableRowHeader>
                  {(["inApp", "email"] as const).map((channel) => (
                    <TableCell key={channel} align="center" className="px-2 sm:px-2">
                      <Checkbox
                        aria-label={`${p.label}: ${channel === "inApp" ? "in app" : "email"}`}
                        checked={p[channel]}
                        disabled={p.critical}
                        onCheckedChange={(checked) =>
                          void run(() =>
                            setPreference({
                              category: p.category,
                              inApp: channel === "inApp" ? checked : p.inApp,
                              email: channel === "email" ? checked : p.email,
                            }),
                          )
                        }
                      />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </section>
  );
}
