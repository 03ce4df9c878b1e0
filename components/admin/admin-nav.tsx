"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/admin", label: "Cohorts" },
  { href: "/admin/courses", label: "Courses" },
  { href: "/admin/paths", label: "Paths" },
  { href: "/admin/skills", label: "Skills" },
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/people", label: "People" },
  { href: "/admin/codes", label: "Codes" },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="mb-6 flex gap-1 overflow-x-auto border-b border-gray-200">
      {LINKS.map((link) => {
        const active =
          link.href === "/admin"
            ? pathname === "/admin" || pathname.startsWith("/admin/cohorts")
            : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-brand-700 text-brand-800" : "border-transparent text-gray-600 hover:text-gray-900",
            )}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
