/** PostHog is downloaded and started only with a key and the visitor's consent. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

const posthog = vi.hoisted(() => ({
  loaded: 0,
  init: vi.fn(),
  capture: vi.fn(),
  opt_out_capturing: vi.fn(),
  opt_in_capturing: vi.fn(),
  has_opted_out_capturing: vi.fn(() => false),
}));
vi.mock("posthog-js", () => {
  posthog.loaded += 1;
  return { default: posthog };
});

async function freshClient(key: string | undefined) {
  vi.resetModules();
  vi.stubEnv("NEXT_PUBLIC_POSTHOG_KEY", key ?? "");
  return await import("@/lib/posthog/client");
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("analytics", () => {
  beforeEach(() => {
    window.localStorage.clear();
    posthog.loaded = 0;
    vi.clearAllMocks();
  });
  afterEach(() => vi.unstubAllEnvs());

  test("without a key nothing is loaded or sent, even with consent", async () => {
    const client = await freshClient(undefined);
    client.setAnalyticsConsent("granted");
    client.initAnalytics();
    client.track("checkout_started", { courseSlug: "x" });
    await settle();
    expect(client.analyticsConfigured).toBe(false);
    expect(posthog.loaded).toBe(0);
    expect(posthog.capture).not.toHaveBeenCalled();
  });

  test("with a key, nothing is loaded until the visitor agrees; then events are sent; declining stops them", async () => {
    const client = await freshClient("phc_test");
    client.initAnalytics();
    client.track("checkout_started", { courseSlug: "x" });
    await settle();
    expect(client.analyticsConsent()).toBeNull();
    expect(posthog.loaded).toBe(0);

    client.setAnalyticsConsent("granted");
    client.track("seat_purchased", { amountCents: 149_700 });
    await vi.waitFor(() => expect(posthog.capture).toHaveBeenCalledWith("seat_purchased", { amountCents: 149_700 }));
    expect(posthog.init).toHaveBeenCalledTimes(1);
    expect(posthog.init.mock.calls[0][0]).toBe("phc_test");

    client.setAnalyticsConsent("denied");
    await vi.waitFor(() => expect(posthog.opt_out_capturing).toHaveBeenCalled());
    client.track("refund_issued", {});
    await settle();
    expect(posthog.capture).toHaveBeenCalledTimes(1);
    expect(window.localStorage.getItem("academy.analytics-consent")).toBe("denied");
  });
});

describe("the analytics consent prompt", { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllEnvs());

  async function renderPrompt(key: string | undefined) {
    vi.resetModules();
    vi.stubEnv("NEXT_PUBLIC_POSTHOG_KEY", key ?? "");
    const [{ render, screen }, { AnalyticsConsent }] = await Promise.all([
      import("@testing-library/react"),
      import("@/components/analytics/analytics-consent"),
    ]);
    render(<AnalyticsConsent />);
    return screen;
  }

  test("asks once when analytics is configured, remembers the answer, and can be reopened from the footer", async () => {
    window.localStorage.clear();
    const { default: userEvent } = await import("@testing-library/user-event");
    const screen = await renderPrompt("phc_test");
    expect(screen.getByRole("region", { name: "Analytics choice" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "No thanks" }));
    expect(screen.queryByRole("region", { name: "Analytics choice" })).not.toBeInTheDocument();
    expect(window.localStorage.getItem("academy.analytics-consent")).toBe("denied");
    await userEvent.click(screen.getByRole("button", { name: "Analytics: off" }));
    await userEvent.click(screen.getByRole("button", { name: "Allow analytics" }));
    expect(screen.getByRole("button", { name: "Analytics: on" })).toBeInTheDocument();
  });

  test("shows nothing at all without a key", async () => {
    window.localStorage.clear();
    const screen = await renderPrompt(undefined);
    expect(screen.queryByRole("region", { name: "Analytics choice" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Analytics/ })).not.toBeInTheDocument();
  });
});
