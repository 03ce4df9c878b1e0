"use client";
import type { LucideIcon } from "lucide-react";
import * as React from "react";
import { cn } from "@/lib/utils";

type Align = "left" | "right" | "center";
const ALIGN: Record<Align, string> = { left: "text-left", right: "text-right", center: "text-center" };

/**
 * Where the header stays in view: "frame" — the rows scroll inside the frame under it (give the frame a height,
 * `className="max-h-96"`); "page" — it sticks under the site header while the page scrolls (from the `md` width up;
 * below that the frame scrolls sideways). "page" suits tables narrow enough to fit the content width.
 */
type Sticky = "frame" | "page";
const StickyContext = React.createContext<Sticky>("frame");

/** Whether the element's content is larger than its box, so that it scrolls (kept up to date as either resizes). */
function useScrolls<T extends HTMLElement>() {
  const ref = React.useRef<T>(null);
  const [scrolls, setScrolls] = React.useState(false);
  React.useEffect(() => {
    const frame = ref.current;
    if (!frame || typeof ResizeObserver === "undefined") return;
    const measure = () =>
      setScrolls(frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    if (frame.firstElementChild) observer.observe(frame.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return [ref, scrolls] as const;
}

/**
 * A data table in a bordered frame that scrolls sideways on narrow screens, with a header that stays in view.
 * When the frame scrolls it can be focused (and named by the caption), so it also scrolls from the keyboard.
 */
export function Table({
  caption,
  sticky = "frame",
  className,
  children,
  ...props
}: React.TableHTMLAttributes<HTMLTableElement> & {
  /** Names the table for screen readers (visually hidden: the section heading says it for everyone else). */
  caption?: string;
  sticky?: Sticky;
  /** Classes of the frame: its margin, and (sticky "frame") a `max-h-*`. */
  className?: string;
}) {
  const [frame, scrolls] = useScrolls<HTMLDivElement>();
  return (
    <StickyContext.Provider value={sticky}>
      <div
        ref={frame}
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? "region" : undefined}
        aria-label={scrolls ? caption : undefined}
        className={cn(
          "relative w-full rounded-lg border border-gray-200 bg-white",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
          sticky === "page" ? "overflow-x-auto md:overflow-visible" : "overflow-auto",
          className,
        )}
      >
        <table className="w-full border-collapse text-left text-sm" {...props}>
          {caption && <caption className="sr-only">{caption}</caption>}
          {children}
        </table>
      </div>
    </StickyContext.Provider>
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
export function TableHead({
  className,
  align = "left",
  scope = "col",
  ...props
}: React.ThHTMLAttributes<HTMLTableCellElement> & { align?: Align }) {
  const sticky = React.useContext(StickyContext);
  return (
    <th
      scope={scope}
      className={cn(
        "sticky top-0 z-10 bg-gray-50 px-3 py-2.5 shadow-[inset_0_-1px_0_var(--color-gray-200)] sm:px-4",
        "text-xs font-medium tracking-wide whitespace-nowrap text-gray-600 uppercase",
        // Under the 64 px site header; the frame no longer clips the header's corners, so they are rounded here.
        sticky === "page" && "first:rounded-tl-lg last:rounded-tr-lg md:top-16",
        ALIGN[align],
        className,
      )}
      {...props}
    />
  );
}

/** A body cell; `numeric` right-aligns it with tabular figures. */
export function TableCell({
  className,
  align,
  numeric,
  ...props
}: React.TdHTMLAttributes<HTMLTableCellElement> & { align?: Align; numeric?: boolean }) {
  return (
    <td
      className={cn(
        "px-3 py-3 text-gray-700 sm:px-4",
        numeric && "tabular",
        ALIGN[align ?? (numeric ? "right" : "left")],
        className,
      )}
      {...props}
    />
  );
}

/** The cell that names its row (a person, a team), read out before the row's other cells. */
export function TableRowHeader({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="row" className={cn("px-3 py-3 text-left font-medium text-gray-900 sm:px-4", className)} {...props} />
  );
}

/** The body of a table with no rows: what would be here, and the next useful step. */
export function TableEmpty({
  colSpan,
  icon: Icon,
  title,
  description,
}: {
  colSpan: number;
  icon?: LucideIcon;
  title: string;
  description?: string;
}) {
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
