"use client";
/** The pieces promotion codes and enrollment codes share, in the admin pages and an organization's console. */
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/format";

/** The end of a "valid until" date in the admin's time zone: a code works through the whole of its last day. */
export function endOfDay(date: string) {
  return new Date(`${date}T23:59:59`).getTime();
}

/** A code table's header: the code, the columns of its kind, then validity, uses, status and actions. */
export function CodeTableHeader({ children }: { children: React.ReactNode }) {
  return (
    <TableHeader>
      <TableRow>
        <TableHead>Code</TableHead>
        {children}
        <TableHead>Valid until</TableHead>
        <TableHead align="right">Uses</TableHead>
        <TableHead>Status</TableHead>
        <TableHead>
          <span className="sr-only">Actions</span>
        </TableHead>
      </TableRow>
    </TableHeader>
  );
}

/** The code as people type it, with the admins' note. */
export function CodeCell({ code, description }: { code: string; description?: string }) {
  return (
    <TableCell>
      <p className="font-mono font-medium text-gray-900">{code}</p>
      {description && <p className="text-gray-600">{description}</p>}
    </TableCell>
  );
}

export function ValidUntilCell({ expiresAt }: { expiresAt?: number }) {
  return <TableCell>{expiresAt ? formatDate(expiresAt) : "No expiry"}</TableCell>;
}

/** Who used the code; and, while it can still be used, switching it off. */
export function CodeActionsCell({
  code,
  usesLabel,
  onShowUses,
  onDisable,
  disabling,
}: {
  code: string;
  usesLabel: string;
  onShowUses: () => void;
  /** Absent once the code can no longer be used. */
  onDisable?: () => void;
  disabling: boolean;
}) {
  return (
    <TableCell>
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onShowUses}>
          {usesLabel}
          <span className="sr-only"> of {code}</span>
        </Button>
        {onDisable && (
          <Button size="sm" variant="secondary" loading={disabling} onClick={onDisable}>
            Disable<span className="sr-only"> {code}</span>
          </Button>
        )}
      </div>
    </TableCell>
  );
}

/** The dialog listing a code's uses; closed while `title` is null. */
export function CodeUsesDialog({
  title,
  description,
  onClose,
  children,
}: {
  title: string | null;
  description: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  return (
    <Dialog open={title !== null} onOpenChange={(open) => !open && onClose()}>
      {title !== null && (
        <DialogContent title={title} description={description}>
          {children}
        </DialogContent>
      )}
    </Dialog>
  );
}

/** A code's uses, newest first: a skeleton while loading, `empty` when there are none. */
export function CodeUsesList<Row>({
  rows,
  empty,
  children,
}: {
  rows: Row[] | undefined;
  empty: string;
  children: (row: Row) => React.ReactNode;
}) {
  if (rows === undefined) return <Skeleton className="h-24" />;
  if (rows.length === 0) return <p className="text-sm text-gray-600">{empty}</p>;
  return <ul className="max-h-80 divide-y divide-gray-100 overflow-y-auto text-sm">{rows.map(children)}</ul>;
}

/** An enrollment code's number of uses and last valid day, as the form's text. */
export function UsesAndExpiryFields({
  idPrefix,
  maxUses,
  onMaxUses,
  validUntil,
  onValidUntil,
}: {
  idPrefix: string;
  maxUses: string;
  onMaxUses: (value: string) => void;
  validUntil: string;
  onValidUntil: (value: string) => void;
}) {
  return (
    <>
      <Field id={`${idPrefix}-uses`} label="Number of uses">
        <Input
          id={`${idPrefix}-uses`}
          type="number"
          min={1}
          max={1000}
          required
          value={maxUses}
          onChange={(e) => onMaxUses(e.target.value)}
        />
      </Field>
      <Field id={`${idPrefix}-until`} label="Valid until (optional)">
        <Input id={`${idPrefix}-until`} type="date" value={validUntil} onChange={(e) => onValidUntil(e.target.value)} />
      </Field>
    </>
  );
}
