import type { LucideIcon } from "lucide-react";
import * as React from "react";
import { cn } from "@/lib/utils";

type Align = "left" | "right" | "center";
const ALIGN: Record<Align, string> = { left: "text-left", right: "text-right", center: "text-center" };

/**
 * A data table in a bordered frame. The frame scrolls sideways on narrow screens; give it a height limit
 * (`className="max-h-96"`) and the rows scroll under a header that stays in view.
 */
export function Table({
  caption,
  className,
  children,
  ...props
}: React.TableHTMLAttributes<HTMLTableElement> & {
  /** Names the table for screen readers (visually hidden: the section heading says it for everyone else). */
  caption?: string;
  /** Classes of the frame: its margin, and a `max-h-*` that makes the rows scroll under the sticky header. */
  className?: string;
}) {
  return (
    <div className={cn("relative w-full overflow-auto rounded-lg border border-gray-200 bg-white", className)}>
      <table className="w-full border-collapse text-left text-sm" {...props}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function TableHeader({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={className} {...props} />;
}

export function TableBody({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-gray-100", className)} {...props} />;
}

export function TableRow({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("align-top", className)} {...props} />;
}

/** A column header: the one header style, sticky at the top of the frame. */
export function TableHead({ className, align = "left", scope = "col", ...props }: React.ThHTMLAttributes<HTMLTableCellElement> & { align?: Align }) {
  return (
    <th
      scope={scope}
      className={cn(
        "sticky top-0 z-10 whitespace-nowrap bg-gray-50 px-4 py-2.5 text-xs font-medium uppercase tracking-wide text-gray-600 shadow-[inset_0_-1px_0_var(--color-gray-200)]",
        ALIGN[align],
        className,
      )}
      {...props}
    />
  );
}

/** A body cell; `numeric` right-aligns it with tabular figures. */
export function TableCell({ className, align, numeric, ...props }: React.TdHTMLAttributes<HTMLTableCellElement> & { align?: Align; numeric?: boolean }) {
  return <td className={cn("px-4 py-3 text-gray-700", numeric && "tabular", ALIGN[align ?? (numeric ? "right" : "left")], className)} {...props} />;
}

/** The cell that names its row (a person, a team), read out before the row's other cells. */
export function TableRowHeader({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="row" className={cn("px-4 py-3 text-left font-medium text-gray-900", className)} {...props} />;
}

/** The body of a table with no rows: what would be here, and the next useful step. */
export function TableEmpty({ colSpan, icon: Icon, title, description }: { colSpan: number; icon?: LucideIcon; title: string; description?: string }) {
  return (
    <tbody>
      <tr>
        <td colSpan={colSpan} className="px-6 py-10 text-center">
          {Icon && <Icon className="mx-auto size-6 text-gray-400" aria-hidden />}
          <p className={cn("text-sm font-medium text-gray-900", Icon && "mt-2")}>{title}</p>
          {description && <p className="mx-auto mt-1 max-w-md text-sm text-gray-600">{description}</p>}
        </td>
      </tr>
    </tbody>
  );
}
