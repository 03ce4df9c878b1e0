"use client";
import { useConvexAuth, useQuery } from "convex/react";
import { GraduationCap } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

const AccountMenu = dynamic(() => import("./account-menu").then((m) => m.AccountMenu), {
  ssr: false,
  loading: () => <Skeleton className="size-8 rounded-full" />,
});

type NavItem = { href: string; label: string; /** Other path prefixes that belong to this item. */ also?: string[] };

export function SiteHeader() {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const viewer = useQuery(api.users.account.viewer, isAuthenticated ? {} : "skip");
  const pathname = usePathname();

  const items: NavItem[] = [
    { href: "/courses", label: "Courses" },
    { href: "/paths", label: "Paths" },
  ];
  // "For teams" is for people without an organization; members buy nothing there.
  if (!viewer?.organizations.length && !viewer?.inOrganization) items.push({ href: "/for-teams", label: "For teams" });
  if (viewer) {
    items.push({ href: "/learn", label: "My learning" });
    items.push({ href: "/learn/skills", label: "My skills" });
    if (viewer.isInstructor) items.push({ href: "/teach", label: "Teaching" });
    for (const organization of viewer.organizations.slice(0, 1)) {
      items.push({
        href: `/org/${organization._id}`,
        label: organization.name,
      });
      items.push({
        href: `/org/${organization._id}/dashboard`,
        label: "Dashboard",
        also: ["teams", "members", "reports"].map((part) => `/org/${organization._id}/${part}`),
      });
    }
    if (viewer.role === "platform_admin") items.push({ href: "/admin", label: "Admin" });
  }

  // The most specific item that contains the current page is the active one.
  const activeHref = items
    .flatMap((item) => [item.href, ...(item.also ?? [])].map((prefix) => ({ prefix, href: item.href })))
    .filter(({ prefix }) => pathname === prefix || pathname.startsWith(prefix + "/"))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0]?.href;

  return (
    <header className="sticky top-0 z-40 border-b border-gray-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-[1100px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-gray-900">
          <GraduationCap className="size-6 text-brand-700" aria-hidden />
          <span className="hidden sm:inline">AI Enablement Academy</span>
          <span className="sm:hidden">Academy</span>
        </Link>
        <nav aria-label="Main" className="hidden flex-1 items-center gap-1 md:flex">
          {items.map((item) => (
            <NavLink key={item.href} item={item} active={item.href === activeHref} />
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2 md:ml-0">
          {isLoading || (isAuthenticated && viewer === undefined) ? (
            <Skeleton className="size-8 rounded-full" />
          ) : viewer ? (
            <AccountMenu viewer={viewer} />
          ) : (
            <Button asChild size="sm">
              <Link href="/signin">Sign in</Link>
            </Button>
          )}
        </div>
      </div>
      <nav
        aria-label="Main (mobile)"
        className="flex gap-1 overflow-x-auto border-t border-gray-100 px-2 py-1 md:hidden"
      >
        {items.map((item) => (
          <NavLink key={item.href} item={item} active={item.href === activeHref} />
        ))}
      </nav>
    </header>
  );
}

function NavLink({ item, active }: { item: NavItem; active: boolean }) {
  return (
    <Link
      href={item.href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
        active ? "bg-brand-50 text-brand-800" : "text-gray-700 hover:bg-gray-100 hover:text-gray-900",
      )}
    >
      {item.label}
    </Link>
  );
}
