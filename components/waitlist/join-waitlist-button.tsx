"use client";
import { useConvexAuth, useQuery } from "convex/react";
import { useState, type ReactNode } from "react";
import { api } from "@/convex/_generated/api";
import { InlineSignIn } from "@/components/auth/inline-sign-in";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";

/** Joins a waitlist; signed-out people first get an inline magic link back to `returnTo`. */
export function JoinWaitlistButton({
  children,
  join,
  joinedMessage,
  dialogDescription,
  returnTo,
  className,
}: {
  children: ReactNode;
  join: () => Promise<unknown>;
  joinedMessage: string;
  dialogDescription: string;
  returnTo: string;
  className?: string;
}) {
  const { isAuthenticated } = useConvexAuth();
  const options = useQuery(api.users.signInOptions);
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [signInOpen, setSignInOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        className={className ?? "w-full"}
        loading={pending}
        onClick={() => {
          if (!isAuthenticated) {
            setSignInOpen(true);
            return;
          }
          setPending(true);
          join()
            .then(() => toast("success", joinedMessage))
            .catch((error: unknown) => toast("error", errorMessage(error)))
            .finally(() => setPending(false));
        }}
      >
        {children}
      </Button>
      <Dialog open={signInOpen} onOpenChange={setSignInOpen}>
        <DialogContent title="Sign in to join the waitlist" description={dialogDescription}>
          <InlineSignIn returnTo={returnTo} localMode={options?.localMode ?? false} />
        </DialogContent>
      </Dialog>
    </>
  );
}
