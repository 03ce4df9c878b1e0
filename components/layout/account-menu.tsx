"use client";
import { useAuthActions } from "@convex-dev/auth/react";
import type { FunctionReturnType } from "convex/server";
import { Bell, LogOut, ShieldCheck, UserRound } from "lucide-react";
import { useRouter } from "next/navigation";
import type { api } from "@/convex/_generated/api";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { Avatar } from "@/components/ui/avatar";
import { USER_ROLE_LABEL } from "@/lib/labels";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/**
 * The signed-in corner of the header: notifications and the account menu. Its own chunk, loaded only for
 * signed-in people, so visitors of the public pages never download the menu machinery.
 */
export function AccountMenu({ viewer }: { viewer: NonNullable<FunctionReturnType<typeof api.users.account.viewer>> }) {
  const router = useRouter();
  const { signOut } = useAuthActions();
  return (
    <>
      <NotificationBell />
      <DropdownMenu>
        <DropdownMenuTrigger className="rounded-full">
          <span aria-hidden>
            <Avatar name={viewer.name} image={viewer.image} />
          </span>
          <span className="sr-only">Account menu for {viewer.name}</span>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>
            <span className="block text-sm font-medium text-gray-900">{viewer.name}</span>
            <span className="block">{viewer.email}</span>
            <span className="mt-1 block text-brand-700">{USER_ROLE_LABEL[viewer.role]}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => router.push("/account")}>
            <UserRound className="size-4" aria-hidden /> Your account
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => router.push("/notifications")}>
            <Bell className="size-4" aria-hidden /> Notifications
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => router.push("/learn/privacy")}>
            <ShieldCheck className="size-4" aria-hidden /> Privacy
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem
            onSelect={() => {
              void signOut().then(() => router.push("/"));
            }}
          >
            <LogOut className="size-4" aria-hidden /> Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
