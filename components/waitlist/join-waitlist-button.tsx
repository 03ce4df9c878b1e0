"use client";
import { useConvexAuth } from "convex/react";
import { useState, type ReactNode } from "react";
import { SignInDialog } from "@/components/auth/sign-in-dialog";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/lib/use-submit";

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
  // Until the session is known, a click would wrongly ask a signed-in person to sign in: the button waits.
  const { isAuthenticated, isLoading } = useConvexAuth();
  const { pending, run } = useSubmit();
  const [signInOpen, setSignInOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        className={className ?? "w-full"}
        loading={pending || isLoading}
        onClick={() => {
          if (!isAuthenticated) {
            setSignInOpen(true);
            return;
          }
          void run(join, { success: joinedMessage });
        }}
      >
        {children}
      </Button>
      <SignInDialog
        open={signInOpen}
        onOpenChange={setSignInOpen}
        title="Sign in to join the waitlist"
        description={dialogDescription}
        returnTo={returnTo}
      />
    </>
  );
}
