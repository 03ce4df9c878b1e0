"use client";
import { useAction, useQuery } from "convex/react";
import { CalendarCheck, CalendarX } from "lucide-react";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";
import { formatAppointment, formatLongDate } from "@/lib/format";
import { BOOKING_STATUS } from "@/lib/labels";
import { useNow } from "@/lib/use-now";
import { useSubmit } from "@/lib/use-submit";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/utils";

// Cal.com's embed is fetched when someone opens the booking, not with every learner home.
const Cal = dynamic(() => import("@calcom/embed-react"), { ssr: false });

type BookingToken = { value: string; expiresAt: number };

/**
 * While the booking embed is open: a signed booking token for the enrollment,
 * renewed a minute before it expires. Cal.com hands it back in its webhook,
 * which is how the academy knows the booking is this learner's.
 */
function useBookingToken(enrollmentId: Id<"enrollments"> | undefined, open: boolean) {
  const issue = useAction(api.officeHours.bookings.bookingToken);
  const [token, setToken] = useState<BookingToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open || !enrollmentId) return;
    let active = true;
    let renewal: ReturnType<typeof setTimeout> | undefined;
    const fetchToken = () => {
      issue({ enrollmentId })
        .then(({ token: value, expiresAt }) => {
          if (!active) return;
          setError(null);
          setToken({ value, expiresAt });
          renewal = setTimeout(fetchToken, Math.max(10_000, expiresAt - Date.now() - 60_000));
        })
        .catch((e: unknown) => {
          if (active) setError(errorMessage(e));
        });
    };
    fetchToken();
    return () => {
      active = false;
      if (renewal) clearTimeout(renewal);
      // A token is good for one booking: reopening the embed asks for a fresh one.
      setToken(null);
    };
  }, [issue, enrollmentId, open]);
  return { token: open ? token : null, error: open ? error : null };
}

/**
 * Office hours for eligible learners: book in Cal.com's own embed (the local
 * stand-in offline), which carries the learner's booking token; bookings
 * appear here live when Cal.com's webhook lands.
 */
export function OfficeHours({ viewer }: { viewer: { name: string; email: string; timezone?: string } | null }) {
  const zone = viewer?.timezone;
  const data = useQuery(api.officeHours.bookings.mine);
  const cancel = useAction(api.officeHours.bookings.cancel);
  const { isPending, run } = useSubmit();
  const now = useNow(60_000);
  const [booking, setBooking] = useState(false);
  const eligible = data?.eligibility[0];
  const bookingToken = useBookingToken(eligible?.enrollmentId, booking && Boolean(data?.calcom));
  if (!data || (data.eligibility.length === 0 && data.bookings.length === 0)) return null;
  const upcoming = data.bookings.filter((b) => b.status === "scheduled" && b.scheduledAt > now);
  const past = data.bookings.filter((b) => !(b.status === "scheduled" && b.scheduledAt > now)).slice(-5);
  return (
    <Card className="p-5" data-testid="office-hours">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold text-gray-900">Office hours</h2>
          <p className="text-sm text-gray-600">
            {eligible
              ? "30 minutes one-to-one with a coach about your own work. " +
                `Included until ${formatLongDate(eligible.eligibleUntil, zone)} (${eligible.courseTitle}).`
              : "Your office-hours window has ended; your past bookings are below."}
          </p>
        </div>
        {eligible && data.calcom && (
          <Button
            size="sm"
            variant={booking ? "secondary" : "primary"}
            onClick={() => setBooking(!booking)}
            aria-expanded={booking}
          >
            <CalendarCheck className="size-4" aria-hidden /> {booking ? "Close booking" : "Book office hours"}
          </Button>
        )}
      </div>
      {eligible && !data.calcom && (
        <p className="mt-3 text-sm text-amber-800">Booking opens once the academy connects its Cal.com calendar.</p>
      )}
      {booking && eligible && data.calcom && viewer && (
        <div className="mt-4 overflow-hidden rounded-md border border-gray-200">
          {bookingToken.error ? (
            <FormError className="p-4">{bookingToken.error}</FormError>
          ) : bookingToken.token ? (
            <Cal
              key={bookingToken.token.value}
              namespace="office-hours"
              calLink={data.calcom.calLink}
              calOrigin={data.calcom.calOrigin}
              embedJsUrl={data.calcom.embedJsUrl}
              style={{ width: "100%", minHeight: 420, overflow: "auto" }}
              config={{
                name: viewer.name,
                email: viewer.email,
                "metadata[bookingToken]": bookingToken.token.value,
                layout: "month_view",
              }}
            />
          ) : (
            <Skeleton className="h-[420px] rounded-none" />
          )}
        </div>
      )}
      <div className="mt-4">
        <h3 className="text-sm font-semibold text-gray-900">Your bookings</h3>
        {upcoming.length === 0 && past.length === 0 ? (
          <p className="mt-1 text-sm text-gray-600">
            No bookings yet. Pick a slot above; it shows up here as soon as Cal.com confirms it.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-100 rounded-md border border-gray-200">
            {[...upcoming, ...past].map((b) => (
              <li
                key={b._id}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5"
                data-testid="office-hours-booking"
              >
                <div>
                  <p
                    className={cn(
                      "text-sm font-medium",
                      b.status === "cancelled" ? "text-gray-500 line-through" : "text-gray-900",
                    )}
                  >
                    {formatAppointment(b.scheduledAt, zone)}
                  </p>
                  <p className="text-xs text-gray-600">
                    {b.courseTitle}
                    {b.cancelReason ? ` · ${b.cancelReason}` : ""}
                  </p>
                </div>
                <span className="flex items-center gap-2">
                  {b.status === "scheduled" && b.scheduledAt <= now ? (
                    // Held, but Cal.com has not reported the outcome yet.
                    <Badge tone="neutral">Done</Badge>
                  ) : (
                    <Badge tone={BOOKING_STATUS[b.status].tone}>{BOOKING_STATUS[b.status].label}</Badge>
                  )}
                  {b.status === "scheduled" && b.scheduledAt > now && (
                    <Button
                      size="sm"
                      variant="ghost"
                      loading={isPending(b._id)}
                      onClick={() =>
                        void run(() => cancel({ bookingId: b._id }), {
                          key: b._id,
                          success: "Booking cancelled; the slot is free again.",
                        })
                      }
                    >
                      <CalendarX className="size-4" aria-hidden /> Cancel
                      <span className="sr-only"> booking on {formatAppointment(b.scheduledAt, zone)}</span>
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
