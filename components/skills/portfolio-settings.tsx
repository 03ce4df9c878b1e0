"use client";
import { useMutation, usePreloadedQuery, type Preloaded } from "convex/react";
import { Globe, Link2 } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { useSubmit } from "@/lib/use-submit";

/** The learner's public portfolio: off until switched on; its link, and a new link that retires the old one. */
export function PortfolioSettings({ preloaded }: { preloaded: Preloaded<typeof api.skills.portfolio.settings> }) {
  const settings = usePreloadedQuery(preloaded);
  // Optimistic: the switch flips at once; the server's answer (with the link, the first time) replaces it.
  const setPublic = useMutation(api.skills.portfolio.setPublic).withOptimisticUpdate((store, { isPublic }) => {
    const current = store.getQuery(api.skills.portfolio.settings, {});
    if (current) store.setQuery(api.skills.portfolio.settings, {}, { ...current, isPublic });
  });
  const newLink = useMutation(api.skills.portfolio.newLink);
  const { isPending, run } = useSubmit();
  if (settings === null) return null;
  const path = settings.slug ? `/portfolio/${settings.slug}` : null;
  return (
    <Card className="p-5" data-testid="portfolio-settings">
      <label className="flex cursor-pointer items-start justify-between gap-4">
        <span>
          <span className="flex items-center gap-2 text-sm font-semibold text-gray-900">
            <Globe className="size-4 text-brand-700" aria-hidden /> Public portfolio
          </span>
          <span className="mt-1 block text-xs text-gray-600">
            A page anyone with its link can open: your name, skill levels and badges, each verifiable. Nothing else.
          </span>
        </span>
        <Checkbox
          role="switch"
          className="mt-1 size-5"
          checked={settings.isPublic}
          disabled={isPending("switch")}
          aria-label="Public portfolio"
          onCheckedChange={(isPublic) =>
            void run(() => setPublic({ isPublic }), {
              key: "switch",
              success: isPublic ? "Your portfolio is public." : "Your portfolio is private again.",
            })
          }
        />
      </label>
      {settings.isPublic && path && (
        <div className="mt-4 space-y-3 border-t border-gray-100 pt-4">
          <p className="flex items-start gap-2 text-sm break-all">
            <Link2 className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
            <Link href={path} className="text-brand-700 hover:underline" data-testid="portfolio-link">
              {path}
            </Link>
          </p>
          <Button
            variant="secondary"
            size="sm"
            loading={isPending("link")}
            onClick={() =>
              void run(() => newLink({}), { key: "link", success: "New link made; the old one no longer works." })
            }
          >
            Make a new link
          </Button>
        </div>
      )}
    </Card>
  );
}
