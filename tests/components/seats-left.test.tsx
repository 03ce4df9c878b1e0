import { render, screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { SeatsLeft } from "@/components/catalog/seats-left";

describe("SeatsLeft", () => {
  test("says how many seats are left, warns when low, and says sold out when full", () => {
    const { rerender } = render(<SeatsLeft seatsLeft={12} />);
    expect(screen.getByTestId("seats-left")).toHaveTextContent("12 seats left");
    expect(screen.getByTestId("seats-left")).not.toHaveClass("live-flash");
    rerender(<SeatsLeft seatsLeft={1} />);
    expect(screen.getByTestId("seats-left")).toHaveTextContent("1 seat left");
    expect(screen.getByTestId("seats-left")).toHaveClass("text-amber-800", "live-flash");
    rerender(<SeatsLeft seatsLeft={0} />);
    expect(screen.getByTestId("seats-left")).toHaveTextContent("Sold out · waitlist");
    expect(screen.getByTestId("seats-left")).toHaveClass("text-red-700");
  });
});
