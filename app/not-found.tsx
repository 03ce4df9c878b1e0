import { Compass } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-[640px] px-4 py-16 text-center">
      <Compass className="mx-auto size-10 text-gray-400" aria-hidden />
      <h1 className="mt-4 text-2xl font-semibold text-gray-900">We couldn&apos;t find that page</h1>
      <p className="mt-2 text-gray-600">The link may be old, or the page may have moved.</p>
      <div className="mt-6 flex justify-center gap-3">
        <Button asChild>
          <Link href="/courses">Browse courses</Link>
        </Button>
        <Button asChild variant="secondary">
          <Link href="/">Home</Link>
        </Button>
      </div>
    </div>
  );
}
