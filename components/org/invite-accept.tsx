"use client";
import { useAuthActions } from "@convex-dev/auth/react";
import { useConvexAuth, useMutation, usePreloadedQuery, useQuery, type Preloaded } from "convex/react";
import { Building2, CheckCircle2, XCircle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { InlineSignIn } from "@/components/auth/inline-sign-in";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";
import { useMounted } from "@/lib/use-mounted";
import { useSubmit } from "@/lib/use-submit";
import { FormError } from "@/components/ui/form-error";

const CLOSED = {
  invalid: {
    title: "This invitation link is not valid",
    body:
      "It may have been replaced by a newer email. " +
      "Use the latest invitation, or ask your administrator to send one again.",
  },
  expired: {
    title: "This invitation has expired",
    body: "Invitations are valid for 7 days. Ask your administrator to send a new one.",
  },
  revoked: {
    title: "This invitation was withdrawn",
    body: "Your administrator revoked it. Contact them if you think this is a mistake.",
  },
  used: { title: "This invitation has been used", body: "Sign in with the invited address to reach your learning." },
} as const;

/**
 * /invite/[token]: sign in with the invited address, accept, and land in the learner home. The invitation itself
 * is rendered on the server; only the part that depends on who is signed in waits for the browser.
 */
export function InviteAccept({
  token,
  preloadedPreview,
}: {
  token: string;
  preloadedPreview: Preloaded<typeof api.organizations.invites.preview>;
}) {
  const preview = usePreloadedQuery(preloadedPreview);
  const { isAuthenticated, isLoading } = useConvexAuth();
  const viewer = useQuery(api.users.account.viewer, isAuthenticated ? {} : "skip");
  const options = useQuery(api.users.account.signInOptions, {});
  const accept = useMutation(api.organizations.invites.accept);
  const { signOut } = useAuthActions();
  const router = useRouter();
  const { pending, error, run } = useSubmit({ errors: "inline" });
  // The viewer's own timezone once in the browser; UTC in the server's HTML so both renders agree.
  const mounted = useMounted();

  if (preview.state !== "valid") {
    const closed = CLOSED[preview.state];
    return (
      <Frame>
        <Card className="p-8 text-center">
          <XCircle className="mx-auto size-8 text-red-600" aria-hidden />
          <h1 className="mt-3 text-xl font-semibold text-gray-900">{closed.title}</h1>
          <p className="mt-2 text-sm text-gray-600">{closed.body}</p>
          <Button asChild variant="secondary" className="mt-6">
            <Link href={preview.state === "used" ? "/learn" : "/"}>
              {preview.state === "used" ? "Go to my learning" : "Back to the academy"}
            </Link>
          </Button>
        </Card>
      </Frame>
    );
  }

  const onAccept = () =>
    run(() => accept({ token }), {
      // The learner home opens next; the button stays busy until it does.
      keepPending: true,
      onSuccess: (result) =>
        router.push(result.cohortProblem ? `/learn?joined=${encodeURIComponent(result.organizationName)}` : "/learn"),
    });
  const wrongAccount = viewer && viewer.email !== preview.email;
  return (
    <Frame>
      <Card className="p-8">
        <Building2 className="size-8 text-brand-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">Join {preview.organizationName}</h1>
        <p className="mt-2 text-sm text-gray-700">
          Your seat is reserved for <strong>{preview.email}</strong>
          {preview.cohortName ? (
            <>
              {" "}
              in <strong>{preview.cohortName}</strong>
            </>
          ) : null}
          . The invitation is valid until{" "}
          {mounted ? formatDate(preview.expiresAt) : `${formatDate(preview.expiresAt, "UTC")} (UTC)`}.
        </p>
        <div className="mt-6">
          {isLoading || (isAuthenticated && viewer === undefined) ? (
            <Skeleton className="h-28" />
          ) : !viewer ? (
            <>
              <p className="mb-4 text-sm text-gray-700">Sign in with {preview.email} to accept.</p>
              <InlineSignIn returnTo={`/invite/${token}`} localMode={options?.localMode ?? false} />
            </>
          ) : wrongAccount ? (
            <div className="space-y-3 text-sm text-gray-700">
              <p>
                You are signed in as <strong>{viewer.email}</strong>, but this invitation is for{" "}
                <strong>{preview.email}</strong>.
              </p>
              <Button variant="secondary" onClick={() => void signOut()}>
                Sign out and switch account
              </Button>
            </div>
          ) : (
            <Button size="lg" loading={pending} onClick={() => void onAccept()}>
              <CheckCircle2 className="size-4" aria-hidden /> Accept and join
            </Button>
          )}
          {error && <FormError className="mt-4">{error}</FormError>}
        </div>
      </Card>
    </Frame>
  );
}

function Frame({ children }: { children: React.ReactNode }) {
  return <div className="mx-auto max-w-[560px] px-4 py-12">{children}</div>;
}
