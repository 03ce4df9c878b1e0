import type { BadgeTone } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";

const DAY_MS = 86_400_000;
/** A badge expiring within this many days is shown in amber (its reminder goes out as the window opens). */
export const EXPIRING_SOON_DAYS = 30;

/** How a skill badge stands at `now`: a status label and colour, and its expiry in words. */
export function badgeState(
  badge: { issuing?: boolean; revoked?: boolean; expiresAt: number | null },
  now: number,
): { label: string; tone: BadgeTone; expiryText: string } {
  const until = badge.expiresAt === null ? "does not expire" : `valid until ${formatDate(badge.expiresAt)}`;
  if (badge.revoked) return { label: "Revoked", tone: "danger", expiryText: until };
  if (badge.issuing) return { label: "Being issued", tone: "neutral", expiryText: until };
  if (badge.expiresAt === null) return { label: "Valid", tone: "success", expiryText: until };
  if (badge.expiresAt <= now)
    return { label: "Expired", tone: "danger", expiryText: `expired ${formatDate(badge.expiresAt)}` };
  const days = Math.ceil((badge.expiresAt - now) / DAY_MS);
  if (days <= EXPIRING_SOON_DAYS)
    return { label: `Expires in ${days} day${days === 1 ? "" : "s"}`, tone: "warning", expiryText: until };
  return { label: "Valid", tone: "success", expiryText: until };
}
