"use client";
import { useQuery } from "convex/react";
import { Bell } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { cn } from "@/lib/utils";

/** The header's bell with a live unread count. */
export function NotificationBell() {
  const unread = useQuery(api.notifications.inbox.unreadCount) ?? 0;
  const label = unread === 0 ? "Notifications" : `Notifications, ${unread >= 100 ? "99+" : unread} unread`;
  return (
    <Link
      href="/notifications"
      className="relative rounded-full p-2 text-gray-700 hover:bg-gray-100 hover:text-gray-900"
      aria-label={label}
      data-testid="notification-bell"
    >
      <Bell className="size-5" aria-hidden />
      {unread > 0 && (
        <span
          className={cn(
            "absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-brand-700 px-1",
            "text-center text-[11px] leading-5 font-semibold text-white",
          )}
          aria-hidden
        >
          {unread >= 100 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
