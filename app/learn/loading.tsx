import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-[1100px] space-y-3 px-4 py-10" aria-busy>
      <Skeleton className="h-7 w-64" />
      <Skeleton className="h-4 w-48" />
      <Skeleton className="mt-6 h-24" />
      <Skeleton className="h-24" />
    </div>
  );
}
