import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Skeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <div className="mx-auto max-w-[560px] px-4 py-12">
      <Suspense fallback={<Skeleton className="h-80" />}>
        <SignInForm />
      </Suspense>
    </div>
  );
}
