"use client";
import { useMutation, useQuery } from "convex/react";
import { ExternalLink, Receipt } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatPrice } from "@/lib/format";
import { SEAT_PURCHASE_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

/** "Buy seats" for org admins: the invoice goes to the billing contact; seats appear once it is paid. */
export function BuySeatsButton({ organizationId }: { organizationId: Id<"organizations"> }) {
  const courses = useQuery(api.payments.seatInvoices.seatPrices, { organizationId });
  const buy = useMutation(api.payments.seatInvoices.buySeats);
  const { pending, run } = useSubmit();
  const [open, setOpen] = useState(false);
  const [courseId, setCourseId] = useState("");
  const [seats, setSeats] = useState("10");
  const course = courses?.find((c) => c._id === courseId) ?? courses?.[0];
  const count = Number(seats);
  const submit = async () => {
    if (!course) return;
    await run(() => buy({ organizationId, courseId: course._id, seats: count }), {
      success: `Invoice for ${count} seats is on its way to your billing contact.`,
      onSuccess: () => setOpen(false),
    });
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">Buy seats</Button>
      </DialogTrigger>
      <DialogContent
        title="Buy seats"
        description="We send an invoice payable within 14 days. Seats are added the moment it is paid."
      >
        <div className="space-y-4">
          <Field id="seat-course" label="Programme">
            <Select id="seat-course" value={course?._id ?? ""} onChange={(e) => setCourseId(e.target.value)}>
              {(courses ?? []).map((c) => (
                <option key={c._id} value={c._id}>
                  {c.title} · {formatPrice(c.priceB2B)} per seat
                </option>
              ))}
            </Select>
          </Field>
          <Field id="seat-count" label="Seats">
            <Input
              id="seat-count"
              type="number"
              min={1}
              max={1000}
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
            />
          </Field>
          {course && Number.isInteger(count) && count > 0 && (
            <p className="tabular text-sm text-gray-700">
              Total <strong>{formatPrice(course.priceB2B * count)}</strong>
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button loading={pending} disabled={!course} onClick={() => void submit()}>
              Send invoice
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}

export function PurchaseHistory({ organizationId }: { organizationId: Id<"organizations"> }) {
  const purchases = useQuery(api.payments.seatInvoices.purchases, { organizationId });
  if (purchases === undefined) return <Skeleton className="h-24" />;
  if (purchases.length === 0)
    return (
      <EmptyState
        icon={Receipt}
        title="No seat invoices yet"
        description="Invoices for seats you buy appear here with their payment status."
      />
    );
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
      {purchases.map((p) => (
        <li key={p._id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="purchase-row">
          <div className="min-w-0 flex-1">
            <p className="font-medium text-gray-900">
              {p.seats} seats · <span className="tabular">{formatPrice(p.amountCents)}</span>
            </p>
            <p className="text-gray-600">
              {p.courseTitle} · ordered {formatDate(p.createdAt)}
              {p.paidAt ? ` · paid ${formatDate(p.paidAt)}` : ""}
            </p>
            {p.invoiceError && <p className="text-red-700">{p.invoiceError}</p>}
          </div>
          <Badge tone={SEAT_PURCHASE_STATUS[p.status].tone}>{SEAT_PURCHASE_STATUS[p.status].label}</Badge>
          {p.hostedInvoiceUrl && p.status !== "paid" && p.status !== "void" && (
            <a
              href={p.hostedInvoiceUrl}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
            >
              View and pay invoice <ExternalLink className="size-3.5" aria-hidden />
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
