"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useSubmit } from "@/lib/use-submit";

/** The longest note the backend keeps (TEXT_LIMITS.line). */
const NOTE_MAX = 500;

/**
 * Confirms a payment action (a refund, closing a review) with a note: optional
 * for refunds, required to close without one. Stays open and shows the
 * server's message when the action fails.
 */
export function PaymentActionDialog({
  title,
  description,
  noteLabel,
  noteRequired,
  confirmLabel,
  destructive,
  success,
  onConfirm,
  onClose,
}: {
  title: string;
  description: string;
  noteLabel: string;
  noteRequired: boolean;
  confirmLabel: string;
  destructive: boolean;
  success: string;
  onConfirm: (note: string | undefined) => Promise<unknown>;
  onClose: () => void;
}) {
  const { pending: busy, run } = useSubmit();
  const [note, setNote] = useState("");
  return (
    <ActionDialog title={title} description={description} pending={busy} onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => onConfirm(note.trim() || undefined), { success, onSuccess: onClose });
        }}
      >
        <Field id="payment-action-note" label={noteLabel} hint={`${note.trim().length} / ${NOTE_MAX} characters`}>
          <Textarea
            id="payment-action-note"
            value={note}
            maxLength={NOTE_MAX}
            required={noteRequired}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        <DialogActions onBack={onClose} pending={busy}>
          <Button type="submit" variant={destructive ? "destructive" : "primary"} loading={busy}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </ActionDialog>
  );
}
