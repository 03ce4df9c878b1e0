"use client";
import * as AvatarPrimitive from "@radix-ui/react-avatar";
import { cn, initials } from "@/lib/utils";

export function Avatar({ name, image, className }: { name: string; image?: string; className?: string }) {
  return (
    <AvatarPrimitive.Root
      className={cn(
        "inline-flex size-8 shrink-0 items-center justify-center overflow-hidden rounded-full bg-brand-100",
        className,
      )}
    >
      {image && <AvatarPrimitive.Image src={image} alt="" className="size-full object-cover" />}
      <AvatarPrimitive.Fallback className="text-xs font-semibold text-brand-800">
        {initials(name)}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
