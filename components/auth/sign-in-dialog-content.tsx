"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { InlineSignIn } from "./inline-sign-in";

/** The dialog itself; loaded by `SignInDialog` the first time someone needs it. */
export function SignInDialogContent({
  open,
  onOpenChange,
  title,
  description,
  returnTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  returnTo: string;
}) {
  const options = useQuery(api.users.account.signInOptions);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description={description}>
        <InlineSignIn returnTo={returnTo} localMode={options?.localMode ?? false} />
      </DialogContent>
    </Dialog>
  );
}
