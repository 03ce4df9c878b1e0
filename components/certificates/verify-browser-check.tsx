"use client";
import { ShieldCheck } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { BROWSER_CHECKS, CheckSlot, type CheckOutcome } from "./verify-checks";

const LABEL = "Checked in your browser";

/**
 * The verifier with its JSON-LD contexts and crypto (several hundred KB): fetched only when someone asks for this
 * check.
 */
const loadVerifier = () => import("@/lib/credentials/verify-in-browser");

/**
 * The same checks as the server's, run on the visitor's device when they ask: the browser fetches the credential as
 * published and verifies it against the issuer our server names (`academy`), never one the credential names. Once
 * asked, it checks again whenever the certificate is revoked or the revocation list re-signed (`recheckKey`).
 */
export function BrowserCheck({
  jsonUrl,
  academy,
  recheckKey,
}: {
  jsonUrl: string;
  academy: { name: string; dids: string[] };
  recheckKey: string;
}) {
  const [requested, setRequested] = useState(0);
  const [outcome, setOutcome] = useState<CheckOutcome>({ status: "checking" });
  const academyName = academy.name;
  const academyDids = academy.dids.join(" ");
  useEffect(() => {
    if (requested === 0) return;
    let live = true;
    const pinned = { name: academyName, dids: academyDids.split(" "), statusListOrigin: new URL(jsonUrl).origin };
    const credential = fetch(jsonUrl).then((response) => {
      if (!response.ok) throw new Error(`The credential could not be fetched (${response.status}).`);
      return response.text();
    });
    Promise.all([credential, loadVerifier()])
      .then(([json, { verifyInBrowser }]) => verifyInBrowser(json, pinned))
      .then((result) => live && setOutcome({ status: "done", result }))
      .catch(
        () =>
          live &&
          setOutcome({
            status: "failed",
            message: "Your browser could not run the check. Check your connection and try again.",
          }),
      );
    return () => {
      live = false;
    };
  }, [requested, jsonUrl, academyName, academyDids, recheckKey]);

  if (requested === 0) {
    return (
      <div>
        <p className="text-sm font-semibold text-gray-900">{LABEL}</p>
        <p className="mt-2 text-sm text-gray-600">
          Don&apos;t take our server&apos;s word for it: your browser can fetch the published credential and check its
          signature against {academyName}&apos;s key, its dates and the revocation list itself.
        </p>
        <Button
          size="sm"
          variant="secondary"
          className="mt-3"
          // Fetching starts as soon as the visitor points at the button.
          onPointerEnter={() => void loadVerifier()}
          onFocus={() => void loadVerifier()}
          onClick={() => setRequested(1)}
        >
          <ShieldCheck className="size-4" aria-hidden /> Check in your browser
        </Button>
      </div>
    );
  }
  return (
    <CheckSlot
      outcome={outcome}
      label={LABEL}
      checks={BROWSER_CHECKS}
      retry={
        <Button
          size="sm"
          variant="secondary"
          className="mt-3"
          onClick={() => {
            setOutcome({ status: "checking" });
            setRequested((n) => n + 1);
          }}
        >
          Try again
        </Button>
      }
    />
  );
}
