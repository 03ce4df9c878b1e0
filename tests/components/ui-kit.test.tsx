import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Users } from "lucide-react";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { ChartCard } from "@/components/ui/chart";
import { Checkbox, CheckboxField } from "@/components/ui/checkbox";
import { formatRemaining } from "@/components/ui/countdown";
import { FormError } from "@/components/ui/form-error";
import { LiveDot } from "@/components/ui/live-dot";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Stat } from "@/components/ui/stat";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRow,
  TableRowHeader,
} from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";

beforeAll(() => {
  // Radix measures its popper with ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

describe("#16 FormError", () => {
  test("is announced as an alert, in the one error colour, with the spacing it is given", () => {
    render(<FormError className="mt-3">That code has expired.</FormError>);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe("That code has expired.");
    expect(alert.className).toContain("text-red-700");
    expect(alert.className).toContain("mt-3");
  });
});

describe("#16 ProgressBar", () => {
  test("is a named progressbar with its value, and says it in words when given", () => {
    render(<ProgressBar value={12} max={50} label="Seats used" valueText="12 of 50 seats used" />);
    const bar = screen.getByRole("progressbar", { name: "Seats used" });
    expect(bar).toHaveAttribute("aria-valuenow", "12");
    expect(bar).toHaveAttribute("aria-valuemax", "50");
    expect(bar).toHaveAttribute("aria-valuetext", "12 of 50 seats used");
    // 12 of 50 is 24%: the indicator is moved 76% out of its track.
    expect(bar.firstElementChild).toHaveStyle({ transform: "translateX(-76%)" });
  });

  test("a value past the end fills the bar instead of breaking it; an empty total reads as 0%", () => {
    const { rerender } = render(<ProgressBar value={7} max={5} label="Certificates issued" showValue />);
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "5");
    expect(screen.getByText("100%")).toBeInTheDocument();
    rerender(<ProgressBar value={0} max={0} label="Certificates issued" showValue />);
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "0%");
    expect(screen.getByText("0%")).toBeInTheDocument();
  });

  test("its colour carries meaning", () => {
    render(<ProgressBar value={1} max={4} label="Attendance of Ana" tone="danger" />);
    expect(screen.getByRole("progressbar").firstElementChild).toHaveClass("bg-red-600");
  });
});

describe("#16 Checkbox", () => {
  test("CheckboxField is named by its label, and clicking the label text ticks it", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<CheckboxField label="Engineering" description="12 members" checked={false} onCheckedChange={onChange} />);
    const box = screen.getByRole("checkbox", { name: "Engineering" });
    expect(box).toHaveAttribute("aria-checked", "false");
    expect(box).toHaveAccessibleDescription("12 members");
    await user.click(screen.getByText("Engineering"));
    expect(onChange).toHaveBeenCalledWith(true);
  });

  test("shows the state it is given, unticks with the keyboard, and does nothing when disabled", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const { rerender } = render(<Checkbox aria-label="Session reminders: email" checked onCheckedChange={onChange} />);
    const box = screen.getByRole("checkbox", { name: "Session reminders: email" });
    expect(box).toHaveAttribute("aria-checked", "true");
    box.focus();
    await user.keyboard(" ");
    expect(onChange).toHaveBeenLastCalledWith(false);

    onChange.mockClear();
    rerender(<Checkbox aria-label="Session reminders: email" checked disabled onCheckedChange={onChange} />);
    await user.click(box);
    expect(onChange).not.toHaveBeenCalled();
  });

  test("can be a switch where a setting is switched on and off", () => {
    render(
      <Checkbox
        role="switch"
        aria-label="Managers may see: My activity"
        checked={false}
        onCheckedChange={() => undefined}
      />,
    );
    expect(screen.getByRole("switch", { name: "Managers may see: My activity" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
  });
});

describe("#16 Table", () => {
  test("is named by its caption, with column headers and row headers screen readers can pair with each cell", () => {
    render(
      <Table caption="Teams">
        <TableHeader>
          <TableRow>
            <TableHead>Team</TableHead>
            <TableHead align="right">Members</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableRowHeader>Marketing</TableRowHeader>
            <TableCell numeric>12</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    const table = screen.getByRole("table", { name: "Teams" });
    const headers = within(table).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual(["Team", "Members"]);
    // One header style, and it stays in view when the rows scroll in their frame.
    for (const header of headers) expect(header).toHaveClass("sticky", "top-0", "bg-gray-50", "uppercase");
    expect(headers[1]).toHaveClass("text-right");
    expect(within(table).getByRole("rowheader")).toHaveTextContent("Marketing");
    expect(within(table).getByRole("cell")).toHaveClass("tabular", "text-right");
  });

  test("a frame that scrolls can be reached with the keyboard and is named by its caption; one that does not, cannot", () => {
    const observers: Array<() => void> = [];
    const original = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(private callback: () => void) {
        observers.push(() => this.callback());
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    const box = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(288);
    const size = vi.spyOn(HTMLElement.prototype, "scrollHeight", "get").mockReturnValue(100);
    try {
      const { container } = render(
        <Table caption="Attendance so far" className="max-h-72">
          <TableBody>
            <TableRow>
              <TableCell>Ana</TableCell>
            </TableRow>
          </TableBody>
        </Table>,
      );
      const frame = container.firstElementChild!;
      expect(frame).not.toHaveAttribute("tabindex");
      size.mockReturnValue(900);
      act(() => observers.forEach((notify) => notify()));
      expect(screen.getByRole("region", { name: "Attendance so far" })).toHaveAttribute("tabindex", "0");
    } finally {
      size.mockRestore();
      box.mockRestore();
      globalThis.ResizeObserver = original;
    }
  });

  test("a table that fits the page keeps its header under the site header while the page scrolls", () => {
    const { container } = render(
      <Table caption="Cohorts" sticky="page">
        <TableHeader>
          <TableRow>
            <TableHead>Cohort</TableHead>
          </TableRow>
        </TableHeader>
      </Table>,
    );
    // From md up the frame must not be a scroll container, or the header would stick inside it instead.
    expect(container.firstElementChild).toHaveClass("md:overflow-visible");
    expect(screen.getByRole("columnheader")).toHaveClass("sticky", "md:top-16");
  });

  test("an empty table keeps its headers and says what would be there, across every column", () => {
    render(
      <Table caption="Members">
        <TableHeader>
          <TableRow>
            <TableHead>Member</TableHead>
            <TableHead>Seat</TableHead>
            <TableHead>Cohorts</TableHead>
          </TableRow>
        </TableHeader>
        <TableEmpty colSpan={3} icon={Users} title="No members yet" description="Invite people by email or CSV." />
      </Table>,
    );
    const table = screen.getByRole("table", { name: "Members" });
    expect(within(table).getAllByRole("columnheader")).toHaveLength(3);
    const cell = within(table).getByRole("cell");
    expect(cell).toHaveAttribute("colspan", "3");
    expect(cell).toHaveTextContent("No members yet");
    expect(cell).toHaveTextContent("Invite people by email or CSV.");
  });
});

describe("#16 Stat", () => {
  test("label, figure with its unit, a delta said in words, an action and a visual under the figure", () => {
    render(
      <Stat
        label="Completion rate"
        value={42}
        suffix="%"
        delta={{ value: -3, label: " pts vs last week" }}
        testId="rate"
        action={<button type="button">Buy seats</button>}
      >
        <ProgressBar value={42} label="Completion" />
      </Stat>,
    );
    expect(screen.getByTestId("rate")).toHaveTextContent(/^42%$/);
    expect(screen.getByText("down")).toHaveClass("sr-only");
    expect(screen.getByText(/3\s*pts vs last week/)).toHaveClass("text-red-700");
    expect(screen.getByRole("button", { name: "Buy seats" })).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Completion" })).toBeInTheDocument();
  });

  test("a figure that changes live flashes once; a warning figure turns amber only above zero", () => {
    vi.useFakeTimers();
    try {
      const { rerender, container } = render(<Stat label="At risk" value={0} tone="warning" testId="risk" />);
      const card = container.firstElementChild!;
      expect(screen.getByTestId("risk")).toHaveClass("text-gray-900");
      expect(card).not.toHaveClass("bg-brand-50");
      rerender(<Stat label="At risk" value={2} tone="warning" testId="risk" />);
      expect(screen.getByTestId("risk")).toHaveClass("text-amber-700");
      expect(card).toHaveClass("bg-brand-50");
      act(() => {
        vi.advanceTimersByTime(1300);
      });
      expect(card).not.toHaveClass("bg-brand-50");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("#16 LiveDot and Tooltip", () => {
  test("LiveDot says its words; the dot itself is decoration", () => {
    const { container } = render(<LiveDot label="Live now" />);
    expect(screen.getByText("Live now")).toBeInTheDocument();
    expect(container.querySelector(".live-dot-ring")!.parentElement).toHaveAttribute("aria-hidden", "true");
  });

  test("a tooltip appears on keyboard focus, describes its trigger, and goes on Escape", async () => {
    const user = userEvent.setup();
    render(
      <Tooltip content="Delete Weekly compliance">
        <button type="button" aria-label="Delete Weekly compliance">
          ×
        </button>
      </Tooltip>,
    );
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
    await user.tab();
    const tooltip = await screen.findByRole("tooltip");
    expect(tooltip).toHaveTextContent("Delete Weekly compliance");
    expect(screen.getByRole("button", { name: "Delete Weekly compliance" })).toHaveAttribute(
      "aria-describedby",
      tooltip.id,
    );
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });
});

describe("#16 ChartCard", () => {
  test("a chart is a figure named by its title whose summary says in words what the hidden plot shows; several series get a legend", () => {
    const series = [
      { key: "avgProgress", label: "Average progress", color: "#4f46e5" },
      { key: "completionRate", label: "Completion rate", color: "#0f766e", dashed: true },
    ];
    const { rerender } = render(
      <ChartCard
        title="Progress over the last four weeks"
        summary="Today: average progress 40%."
        testId="trend"
        legend={series}
      >
        <svg data-testid="plot" />
      </ChartCard>,
    );
    const figure = screen.getByRole("group", { name: "Progress over the last four weeks" });
    expect(within(figure).getByTestId("trend-summary")).toHaveTextContent("Today: average progress 40%.");
    expect(screen.getByTestId("plot").parentElement).toHaveAttribute("aria-hidden", "true");
    expect(within(figure).getByText("Completion rate")).toBeInTheDocument();

    rerender(
      <ChartCard title="Lessons completed" summary="12 lessons completed so far." legend={series.slice(0, 1)}>
        <svg />
      </ChartCard>,
    );
    expect(screen.queryByText("Average progress")).not.toBeInTheDocument();
  });
});

describe("#16 Countdown words", () => {
  test("minutes and seconds under an hour, hours and minutes under two days, days beyond", () => {
    expect(formatRemaining(29 * 60_000 + 41_000)).toBe("29:41");
    expect(formatRemaining((23 * 60 + 14) * 60_000)).toBe("23 h 14 min");
    expect(formatRemaining((47 * 60 + 59) * 60_000)).toBe("47 h 59 min");
    expect(formatRemaining(662 * 3_600_000 + 35 * 60_000)).toBe("27 days");
    expect(formatRemaining(-5_000)).toBe("0:00");
  });
});
