"use client";
import { useAction } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Award, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { SKILL_CATEGORY_LABEL, SKILL_LEVEL_LABEL } from "@/lib/labels";
import { badgeState } from "./badge-state";

type Portfolio = NonNullable<FunctionReturnType<typeof api.skills.portfolio.view>>;

/** A learner's public portfolio, fetched once through the rate-limited door: their levels and verifiable badges. */
export function PublicPortfolio({ slug }: { slug: string }) {
  const view = useAction(api.skills.portfolio.view);
  const [state, setState] = useState<
    | { kind: "loading" }
    | { kind: "found"; portfolio: Portfolio; at: number }
    | { kind: "missing" }
    | { kind: "error"; message: string }
  >({ kind: "loading" });
  useEffect(() => {
    let current = true;
    view({ slug }).then(
      (portfolio) => {
        if (current) setState(portfolio ? { kind: "found", portfolio, at: Date.now() } : { kind: "missing" });
      },
      (error: unknown) => {
        if (current) setState({ kind: "error", message: errorMessage(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [view, slug]);

  return (
    <div className="mx-auto max-w-[800px] px-4 py-10">
      {state.kind === "loading" && (
        <div aria-busy className="space-y-4">
          <Skeleton className="h-8 w-1/2" />
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      )}
      {state.kind === "missing" && (
        <Card className="p-6">
          <h1 className="text-xl font-semibold text-gray-900">This portfolio is not available</h1>
          <p className="mt-2 text-sm text-gray-600">
            Its owner has made it private or given it a new link. Ask them for their current link.
          </p>
        </Card>
      )}
      {state.kind === "error" && (
        <Card className="p-6">
          <h1 className="text-xl font-semibold text-gray-900">We could not open this portfolio</h1>
          <p className="mt-2 text-sm text-gray-600" role="alert">
            {state.message}
          </p>
        </Card>
      )}
      {state.kind === "found" && <PortfolioView portfolio={state.portfolio} now={state.at} />}
    </div>
  );
}

function PortfolioView({ portfolio, now }: { portfolio: Portfolio; now: number }) {
  return (
    <>
      <p className="text-sm font-medium text-brand-700">Skills portfolio</p>
      <h1 className="mt-1 text-2xl font-bold text-gray-900">{portfolio.name}</h1>
      <p className="mt-1 text-sm text-gray-600">
        Skills earned at AI Enablement Academy. Each badge is a signed credential: open it to verify it.
      </p>
      <section aria-labelledby="levels-heading" className="mt-8">
        <h2 id="levels-heading" className="text-base font-semibold text-gray-900">
          Skill levels
        </h2>
        {portfolio.skills.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">No skills yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
            {portfolio.skills.map((s) => (
              <li key={s.name} className="flex items-center justify-between gap-3 px-4 py-3">
                <span>
                  <span className="block text-sm font-medium text-gray-900">{s.name}</span>
                  <span className="block text-xs text-gray-600">{SKILL_CATEGORY_LABEL[s.category]}</span>
                </span>
                <Badge tone="brand">{SKILL_LEVEL_LABEL[s.level]}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="badges-heading" className="mt-8">
        <h2 id="badges-heading" className="text-base font-semibold text-gray-900">
          Badges
        </h2>
        {portfolio.badges.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">No badges yet.</p>
        ) : (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {portfolio.badges.map((b) => {
              const state = badgeState({ expiresAt: b.expiresAt }, now);
              return (
                <li
                  key={b.verifyPath}
                  className="rounded-lg border border-gray-200 bg-white p-4"
                  data-testid="portfolio-badge"
                >
                  <p className="flex items-start gap-2 text-sm font-medium text-gray-900">
                    <Award className="mt-0.5 size-4 shrink-0 text-brand-700" aria-hidden />
                    {b.name}
                  </p>
                  <p className="mt-1 text-xs text-gray-600">
                    Issued {formatDate(b.issuedAt)} · {state.expiryText}
                  </p>
                  <p className="mt-3 flex flex-wrap items-center justify-between gap-2">
                    <Badge tone={state.tone}>{state.label}</Badge>
                    <Link
                      href={b.verifyPath}
                      className="flex items-center gap-1 text-sm text-brand-700 hover:underline"
                    >
                      <ShieldCheck className="size-4" aria-hidden /> Verify<span className="sr-only"> {b.name}</span>
                    </Link>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
