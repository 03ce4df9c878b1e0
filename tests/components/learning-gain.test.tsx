import { render, screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { learningGainStat } from "@/components/dashboards/shared";
import { Stat } from "@/components/ui/stat";

describe("#15.9 the learning gain figure says why it is hidden", () => {
  test("#15.9 an average is shown as a percentage; a hidden one says why", () => {
    const { rerender } = render(
      <Stat
        label="Learning gain"
        {...learningGainStat({ avgLearningGain: 0.56, learningGainHidden: null })}
        testId="gain"
      />,
    );
    expect(screen.getByTestId("gain")).toHaveTextContent("56%");
    rerender(
      <Stat
        label="Learning gain"
        {...learningGainStat({ avgLearningGain: null, learningGainHidden: "too_few" })}
        testId="gain"
      />,
    );
    expect(screen.getByTestId("gain")).toHaveTextContent("Hidden");
    expect(screen.getByText("Hidden: fewer than 5 learners share scores")).toBeInTheDocument();
    rerender(
      <Stat
        label="Learning gain"
        {...learningGainStat({ avgLearningGain: null, learningGainHidden: "permission" })}
        testId="gain"
      />,
    );
    expect(screen.getByText("Your role does not include scores")).toBeInTheDocument();
  });
});
