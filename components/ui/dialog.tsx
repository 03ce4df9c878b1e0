"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import * as React from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;

export function DialogContent({
  className,
  children,
  title,
  description,
}: {
  className?: string;
  children: React.ReactNode;
  title: string;
  description?: string;
}) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-gray-900/40" />
      <DialogPrimitive.Content
        className={cn(
          "fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2",
          "rounded-lg border border-gray-200 bg-white p-6 shadow-xl",
          className,
        )}
      >
        <DialogPrimitive.Title className="text-lg font-semibold text-gray-900">{title}</DialogPrimitive.Title>
        {description ? (
          <DialogPrimitive.Description className="mt-1 text-sm text-gray-600">
            {description}
          </DialogPrimitive.Description>
        ) : (
          <DialogPrimitive.Description className="sr-only">{title}</DialogPrimitive.Description>
        )}
        <div className="mt-4">{children}</div>
        <DialogPrimitive.Close
          className="absolute top-4 right-4 rounded text-gray-500 hover:text-gray-900"
          aria-label="Close"
        >
          <X className="size-4" />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

/**
 * A dialog for one action, shown while it is rendered. Escape, the close button or a click outside call `onClose`,
 * except while the action is pending, so that a change being made is not hidden halfway.
 */
export function ActionDialog({
  title,
  description,
  pending,
  onClose,
  className,
  children,
}: {
  title: string;
  description?: string;
  pending: boolean;
  onClose: () => void;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent title={title} description={description} className={className}>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** An action dialog's buttons, at the right: the way back (off while pending), then the action itself. */
export function DialogActions({
  backLabel = "Cancel",
  onBack,
  pending,
  className,
  children,
}: {
  backLabel?: string;
  onBack: () => void;
  pending: boolean;
  className?: string;
  /** The action's button. */
  children: React.ReactNode;
}) {
  return (
    <div className={cn("flex flex-wrap justify-end gap-2", className)}>
      <Button type="button" variant="secondary" onClick={onBack} disabled={pending}>
        {backLabel}
      </Button>
      {children}
    </div>
  );
}
