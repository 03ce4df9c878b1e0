"use client";
import * as CheckboxPrimitive from "@radix-ui/react-checkbox";
import { Check } from "lucide-react";
import * as React from "react";
import { cn } from "@/lib/utils";

type CheckboxProps = Omit<
  React.ComponentProps<typeof CheckboxPrimitive.Root>,
  "checked" | "defaultChecked" | "onCheckedChange"
> & {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
};

/** A checkbox (Radix): name it with `aria-label`, or use `CheckboxField` for a visible label. */
export function Checkbox({ className, onCheckedChange, ...props }: CheckboxProps) {
  return (
    <CheckboxPrimitive.Root
      className={cn(
        "inline-flex size-4 shrink-0 items-center justify-center rounded border border-gray-500 bg-white text-white",
        "transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
        "disabled:cursor-not-allowed disabled:opacity-50",
        "data-[state=checked]:border-brand-700 data-[state=checked]:bg-brand-700",
        className,
      )}
      onCheckedChange={(state) => onCheckedChange(state === true)}
      {...props}
    >
      <CheckboxPrimitive.Indicator>
        <Check className="size-3" strokeWidth={3} aria-hidden />
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  );
}

/** A checkbox with its label (and an optional description) beside it; clicking the text toggles it too. */
export function CheckboxField({
  label,
  description,
  className,
  labelClassName,
  ...props
}: CheckboxProps & { label: React.ReactNode; description?: React.ReactNode; labelClassName?: string }) {
  const id = React.useId();
  return (
    <label
      className={cn(
        "flex cursor-pointer items-start gap-2.5 text-sm text-gray-800",
        props.disabled && "cursor-not-allowed",
        className,
      )}
    >
      <Checkbox
        className="mt-0.5"
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        {...props}
      />
      <span className="min-w-0">
        <span id={`${id}-label`} className={cn("block", labelClassName)}>
          {label}
        </span>
        {description && (
          <span id={`${id}-description`} className="block text-xs text-gray-600">
            {description}
          </span>
        )}
      </span>
    </label>
  );
}
