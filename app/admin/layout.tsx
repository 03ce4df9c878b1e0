import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <AdminNav />
      {children}
    </div>
  );
}
