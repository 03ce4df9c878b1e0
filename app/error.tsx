"use client";
import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { errorCode, errorMessage } from "@/lib/errors";
import Link from "next/link";

/** Shows a ConvexError's message (what happened, what to do) instead of a crash. */
export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const code = errorCode(error);
  return (
    <div className="mx-auto max-w-[640px] px-4 py-16">
      <div className="rounded-lg border border-red-200 bg-white p-8">
        <AlertTriangle className="size-8 text-red-700" aria-hidden />
        <h1 className="mt-4 text-xl font-semibold text-gray-900">
          {code === "NOT_SIGNED_IN"
            ? "Please sign in"
            : code === "FORBIDDEN" || code?.startsWith("NOT_")
              ? "You don't have access to this page"
              : "This page could not be loaded"}
        </h1>
        <p className="mt-2 text-gray-700">{errorMessage(error)}</p>
        <div className="mt-6 flex gap-3">
          {code === "NOT_SIGNED_IN" ? (
            <Button asChild>
              <Link href="/signin">Sign in</Link>
            </Button>
          ) : (
            <Button onClick={reset}>Try again</Button>
          )}
          <Button asChild variant="secondary">
            <Link href="/">Go to the home page</Link>
          </Button>
        </div>
      </div>
    </div>
  );
}
