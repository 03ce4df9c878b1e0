"use client";
import dynamic from "next/dynamic";
import { useState, type ComponentProps } from "react";

const SignInDialogContent = dynamic(() => import("./sign-in-dialog-content").then((m) => m.SignInDialogContent), {
  ssr: false,
});

/**
 * "Sign in to continue" in a dialog, for signed-out visitors who press a primary action. The dialog, its focus
 * trap and the sign-in form are fetched the first time it opens, not with the page that offers the action.
 */
export function SignInDialog(props: ComponentProps<typeof SignInDialogContent>) {
  // Once loaded it stays mounted, so closing animates and reopening is instant.
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  return wanted ? <SignInDialogContent {...props} /> : null;
}
