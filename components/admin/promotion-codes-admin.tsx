"use client";
import { useMutation, useQuery } from "convex/react";
import { TicketPercent } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { EnrollmentCodesAdmin } from "@/components/admin/enrollment-codes-admin";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableRow } from "@/components/ui/table";
import { formatDate, formatPrice } from "@/lib/format";
import { PAYMENT_STATUS, PROMOTION_CODE_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import {
  CodeActionsCell,
  CodeCell,
  CodeTableHeader,
  CodeUsesDialog,
  CodeUsesList,
  endOfDay,
  ValidUntilCell,
} from "./code-parts";

type Kind = "percent" | "amount";
type Draft = {
  code: string;
  description: string;
  kind: Kind;
  value: string;
  courseId: string;
  validUntil: string;
  maxRedemptions: string;
};
const EMPTY: Draft = {
  code: "",
  description: "",
  kind: "percent",
  value: "20",
  courseId: "",
  validUntil: "",
  maxRedemptions: "",
};

/** "20 % off" or "$100 off". */
function discountLabel(code: { percentOff?: number; amountOffCents?: number; currency: string }) {
  return code.percentOff !== undefined
    ? `${code.percentOff} % off`
    : `${formatPrice(code.amountOffCents ?? 0, code.currency)} off`;
}

/** Platform admins' promotion codes: create one (Stripe creates its coupon), see each code's uses, switch one off. */
export function PromotionCodesAdmin() {
  const codes = useQuery(api.codes.promotions.list);
  const disable = useMutation(api.codes.promotions.disable);
  const { isPending, run } = useSubmit();
  const [shown, setShown] = useState<{ id: Id<"promotionCodes">; code: string } | null>(null);
  return (
    <div className="space-y-10">
      <section>
        <h1 className="text-xl font-semibold text-gray-900">Admin · Codes</h1>
        <h2 className="mt-6 text-lg font-semibold text-gray-900">Promotion codes</h2>
        <p className="mt-1 text-sm text-gray-600">
          Buyers type a code on the course page before they reserve; Stripe takes the discount off at checkout.
        </p>
        {codes === undefined ? (
          <Skeleton className="mt-6 h-48" />
        ) : (
          <Table caption="Promotion codes" sticky="page" className="mt-6">
            <CodeTableHeader>
              <TableHead>Discount</TableHead>
            </CodeTableHeader>
            {codes.length === 0 ? (
              <TableEmpty
                colSpan={6}
                icon={TicketPercent}
                title="No promotion codes yet"
                description="Create one below."
              />
            ) : (
              <TableBody>
                {codes.map((code) => (
                  <TableRow key={code._id}>
                    <CodeCell code={code.code} description={code.description} />
                    <TableCell>
                      <p className="text-gray-900">{discountLabel(code)}</p>
                      <p className="text-gray-600">{code.courseTitle ?? "Any course"}</p>
                    </TableCell>
                    <ValidUntilCell expiresAt={code.expiresAt} />
                    <TableCell numeric className="text-gray-900">
                      {code.timesRedeemed}
                      {code.maxRedemptions !== undefined && ` / ${code.maxRedemptions}`}
                    </TableCell>
                    <TableCell>
                      <Badge tone={PROMOTION_CODE_STATUS[code.status].tone}>
                        {PROMOTION_CODE_STATUS[code.status].label}
                      </Badge>
                      {code.failureMessage && <p className="mt-1 text-xs text-red-800">{code.failureMessage}</p>}
                    </TableCell>
                    <CodeActionsCell
                      code={code.code}
                      usesLabel="Uses"
                      onShowUses={() => setShown({ id: code._id, code: code.code })}
                      onDisable={
                        code.status === "active" || code.status === "creating"
                          ? () =>
                              void run(() => disable({ promotionCodeId: code._id }), {
                                key: code._id,
                                success: `${code.code} is disabled.`,
                              })
                          : undefined
                      }
                      disabling={isPending(code._id)}
                    />
                  </TableRow>
                ))}
              </TableBody>
            )}
          </Table>
        )}
      </section>
      <NewPromotionCode />
      <EnrollmentCodesAdmin />
      <CodeUsesDialog
        title={shown && `Uses of ${shown.code}`}
        description="Paid checkouts that used the code, newest first."
        onClose={() => setShown(null)}
      >
        {shown && <Redemptions promotionCodeId={shown.id} />}
      </CodeUsesDialog>
    </div>
  );
}

function Redemptions({ promotionCodeId }: { promotionCodeId: Id<"promotionCodes"> }) {
  const rows = useQuery(api.codes.promotions.redemptions, { promotionCodeId });
  return (
    <CodeUsesList rows={rows} empty="Nobody has paid with this code yet.">
      {(row) => (
        <li key={row.enrollmentId} className="py-2">
          <p className="font-medium text-gray-900">
            {row.name} <span className="font-normal text-gray-600">· {row.email}</span>
          </p>
          <p className="text-gray-700">
            {row.cohortName} · {formatDate(row.purchasedAt)}
            {row.amountPaidCents !== undefined && ` · paid ${formatPrice(row.amountPaidCents)}`}
            {row.discountCents !== undefined && ` (−${formatPrice(row.discountCents)})`}
          </p>
          {row.paymentStatus === "refunded" && <Badge tone={PAYMENT_STATUS.refunded.tone}>Refunded</Badge>}
        </li>
      )}
    </CodeUsesList>
  );
}

function NewPromotionCode() {
  const courses = useQuery(api.catalog.courses.list);
  const create = useMutation(api.codes.promotions.create);
  const { pending, run } = useSubmit();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(draft.value);
    void run(
      () =>
        create({
          code: draft.code,
          ...(draft.description.trim() ? { description: draft.description } : {}),
          ...(draft.kind === "percent" ? { percentOff: value } : { amountOffCents: Math.round(value * 100) }),
          ...(draft.courseId ? { courseId: draft.courseId as Id<"courses"> } : {}),
          ...(draft.validUntil ? { expiresAt: endOfDay(draft.validUntil) } : {}),
          ...(draft.maxRedemptions ? { maxRedemptions: Number(draft.maxRedemptions) } : {}),
        }),
      {
        success: `${draft.code.trim().toUpperCase()} created; Stripe is setting it up.`,
        onSuccess: () => setDraft(EMPTY),
      },
    );
  };
  return (
    <Card className="p-6">
      <h3 className="text-base font-semibold text-gray-900">New promotion code</h3>
      <p className="mt-1 text-sm text-gray-600">Each code gets its own Stripe coupon, used once per purchase.</p>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
        <Field id="promo-code" label="Code" hint="Letters and digits; buyers may type it in any case.">
          <Input id="promo-code" required value={draft.code} onChange={set("code")} placeholder="SPRING20" />
        </Field>
        <Field id="promo-description" label="Note for admins (optional)">
          <Input id="promo-description" value={draft.description} onChange={set("description")} />
        </Field>
        <Field id="promo-kind" label="Discount">
          <Select
            id="promo-kind"
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as Kind, value: "" })}
          >
            <option value="percent">Percent off</option>
            <option value="amount">Amount off (USD)</option>
          </Select>
        </Field>
        <Field id="promo-value" label={draft.kind === "percent" ? "Percent off" : "Amount off in USD"}>
          <Input
            id="promo-value"
            type="number"
            required
            min={draft.kind === "percent" ? 1 : 0.01}
            max={draft.kind === "percent" ? 100 : undefined}
            step={draft.kind === "percent" ? 1 : 0.01}
            value={draft.value}
            onChange={set("value")}
          />
        </Field>
        <Field id="promo-course" label="Course">
          <Select id="promo-course" value={draft.courseId} onChange={set("courseId")}>
            <option value="">Any course</option>
            {(courses ?? []).map((course) => (
              <option key={course._id} value={course._id}>
                {course.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="promo-until" label="Valid until (optional)">
          <Input id="promo-until" type="date" value={draft.validUntil} onChange={set("validUntil")} />
        </Field>
        <Field id="promo-max" label="Number of uses (optional)" hint="Empty for no limit.">
          <Input
            id="promo-max"
            type="number"
            min={1}
            step={1}
            value={draft.maxRedemptions}
            onChange={set("maxRedemptions")}
          />
        </Field>
        <div className="sm:col-span-2">
          <Button type="submit" loading={pending}>
            Create code
          </Button>
        </div>
      </form>
    </Card>
  );
}
