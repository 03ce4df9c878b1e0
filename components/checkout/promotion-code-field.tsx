"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/**
 * "Have a promotion code?": the code is typed before a seat is reserved, because the price is fixed when it is held.
 * Whether it can be used is checked by the server when the buyer reserves.
 */
export function PromotionCodeField({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const [open, setOpen] = useState(value !== "");
  if (!open) {
    return (
      <Button
        variant="ghost"
        size="sm"
        className="mt-2 px-0 text-brand-800 underline hover:bg-transparent"
        onClick={() => setOpen(true)}
      >
        Have a promotion code?
      </Button>
    );
  }
  return (
    <div className="mt-3 space-y-1.5">
      <Label htmlFor="promotion-code">Promotion code</Label>
      <Input
        id="promotion-code"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        aria-describedby="promotion-code-hint"
      />
      <p id="promotion-code-hint" className="text-xs text-gray-600">
        Applied when you reserve a seat below.
      </p>
    </div>
  );
}
