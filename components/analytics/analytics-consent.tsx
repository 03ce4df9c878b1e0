"use client";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { analyticsConfigured, analyticsConsent, setAnalyticsConsent, subscribeToConsent } from "@/lib/posthog/client";
import { cn } from "@/lib/utils";

/** Not chosen yet on the server and during hydration, so the banner never flashes for people who already chose. */
function useConsent() {
  return useSyncExternalStore(subscribeToConsent, analyticsConsent, () => "unknown" as const);
}

/**
 * Asks once whether we may measure use of the site (only when analytics is configured). It floats over the page
 * bottom, so it never pushes content; the footer link reopens it to change the answer.
 */
export function AnalyticsConsent() {
  const consent = useConsent();
  const [reopened, setReopened] = useState(false);
  if (!analyticsConfigured || consent === "unknown") return null;
  const choose = (value: "granted" | "denied") => {
    setAnalyticsConsent(value);
    setReopened(false);
  };
  return (
    <>
      {(consent === null || reopened) && (
        <section
          aria-label="Analytics choice"
          className={cn(
            "fixed inset-x-4 bottom-4 z-40 mx-auto max-w-xl",
            "rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700 shadow-lg",
          )}
        >
          <p>
            May we count visits and purchases with PostHog to improve the academy? Nothing is collected unless you
            agree; you can change this at the foot of any page.
          </p>
          <div className="mt-3 flex gap-2">
            <Button size="sm" onClick={() => choose("granted")}>
              Allow analytics
            </Button>
            <Button size="sm" variant="secondary" onClick={() => choose("denied")}>
              No thanks
            </Button>
          </div>
        </section>
      )}
      {consent !== null && !reopened && (
        <button type="button" className="underline hover:text-gray-900" onClick={() => setReopened(true)}>
          Analytics: {consent === "granted" ? "on" : "off"}
        </button>
      )}
    </>
  );
}
