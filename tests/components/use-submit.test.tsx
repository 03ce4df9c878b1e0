import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, test, vi } from "vitest";
import { Button } from "@/components/ui/button";
import { ToastProvider } from "@/components/ui/toast";
import { useSubmit, type SubmitOptions } from "@/lib/use-submit";

/** A controllable action: it settles when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function SaveButton<T>({
  action,
  options,
  errors,
}: {
  action: () => Promise<T>;
  options?: SubmitOptions<T>;
  errors?: "toast" | "inline";
}) {
  const { pending, error, run } = useSubmit({ errors });
  return (
    <>
      <Button loading={pending} onClick={() => void run(action, options)}>
        Save
      </Button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

function renderWithToasts(ui: React.ReactNode) {
  return render(<ToastProvider>{ui}</ToastProvider>);
}

describe("#16 useSubmit: one pending state and one way to show what went wrong", () => {
  test("the button is busy while the action runs, and the success toast and follow-up come after it resolves", async () => {
    const user = userEvent.setup();
    const save = deferred<{ recipients: number }>();
    const onSuccess = vi.fn();
    renderWithToasts(
      <SaveButton
        action={() => save.promise}
        options={{ success: (r) => `Reminder sent to ${r.recipients} people.`, onSuccess }}
      />,
    );
    const button = screen.getByRole("button", { name: "Save" });
    await user.click(button);
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-busy", "true");
    expect(onSuccess).not.toHaveBeenCalled();

    await act(async () => save.resolve({ recipients: 3 }));
    expect(button).toBeEnabled();
    expect(button).not.toHaveAttribute("aria-busy");
    expect(screen.getByRole("status")).toHaveTextContent("Reminder sent to 3 people.");
    expect(onSuccess).toHaveBeenCalledWith({ recipients: 3 });
  });

  test("a refusal from the server is toasted with the server's own message, and the button is free again", async () => {
    const user = userEvent.setup();
    const onSuccess = vi.fn();
    const refusal = new ConvexError({ code: "COHORT_FULL", message: "This cohort just sold out. Join the waitlist?" });
    renderWithToasts(<SaveButton action={() => Promise.reject(refusal)} options={{ success: "Saved.", onSuccess }} />);
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("This cohort just sold out. Join the waitlist?")).toBeInTheDocument();
    expect(screen.queryByText("Saved.")).not.toBeInTheDocument();
    expect(onSuccess).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Save" })).toBeEnabled();
  });

  test("a bug (a plain Error) never shows its internals", async () => {
    const user = userEvent.setup();
    renderWithToasts(
      <SaveButton action={() => Promise.reject(new Error("Cannot read properties of undefined (reading 'x')"))} />,
    );
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(
      await screen.findByText("Something went wrong on our side. Please try again in a moment."),
    ).toBeInTheDocument();
    expect(screen.queryByText(/reading 'x'/)).not.toBeInTheDocument();
  });

  test("inline errors are given to the form instead of a toast, and cleared by the next attempt", async () => {
    const user = userEvent.setup();
    const attempts = [deferred<null>(), deferred<null>()];
    let call = 0;
    renderWithToasts(<SaveButton errors="inline" action={() => attempts[call++]!.promise} />);
    await user.click(screen.getByRole("button", { name: "Save" }));
    await act(async () =>
      attempts[0]!.reject(new ConvexError({ code: "INVALID_INPUT", message: "Enter a company name." })),
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Enter a company name.");
    expect(screen.getByRole("status")).toBeEmptyDOMElement();

    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await act(async () => attempts[1]!.resolve(null));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  test("keyed actions are pending one by one: two rows, two spinners, each ends on its own", async () => {
    const user = userEvent.setup();
    const rows = { a: deferred<null>(), b: deferred<null>() };
    function Rows() {
      const { isPending, pending, run } = useSubmit();
      return (
        <>
          {(["a", "b"] as const).map((key) => (
            <Button key={key} loading={isPending(key)} onClick={() => void run(() => rows[key].promise, { key })}>
              Remove {key}
            </Button>
          ))}
          <p>{pending ? "working" : "idle"}</p>
        </>
      );
    }
    renderWithToasts(<Rows />);
    await user.click(screen.getByRole("button", { name: "Remove a" }));
    await user.click(screen.getByRole("button", { name: "Remove b" }));
    expect(screen.getByRole("button", { name: "Remove a" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Remove b" })).toBeDisabled();

    await act(async () => rows.a.resolve(null));
    expect(screen.getByRole("button", { name: "Remove a" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Remove b" })).toBeDisabled();
    expect(screen.getByText("working")).toBeInTheDocument();

    await act(async () => rows.b.reject(new ConvexError({ code: "NOT_FOUND", message: "Already removed." })));
    expect(screen.getByRole("button", { name: "Remove b" })).toBeEnabled();
    expect(screen.getByText("idle")).toBeInTheDocument();
  });

  test("keepPending holds the button busy after success while the page navigates away, but not after a failure", async () => {
    const user = userEvent.setup();
    const navigate = vi.fn();
    const { unmount } = renderWithToasts(
      <SaveButton action={() => Promise.resolve("enr_1")} options={{ keepPending: true, onSuccess: navigate }} />,
    );
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(navigate).toHaveBeenCalledWith("enr_1");
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
    unmount();

    renderWithToasts(
      <SaveButton
        action={() => Promise.reject(new ConvexError({ code: "COHORT_FULL", message: "Full." }))}
        options={{ keepPending: true }}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Full.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Save" })).toBeEnabled();
  });

  test("a form's handleSubmit stops the browser's own submission and runs the action", async () => {
    const user = userEvent.setup();
    const create = vi.fn(() => Promise.resolve("team_1"));
    const prevented: boolean[] = [];
    function TeamForm() {
      const { handleSubmit } = useSubmit();
      const submit = handleSubmit(create, { success: "Team created." });
      return (
        <form
          onSubmit={(event) => {
            submit(event);
            prevented.push(event.defaultPrevented);
          }}
        >
          <button type="submit">Create</button>
        </form>
      );
    }
    renderWithToasts(<TeamForm />);
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(prevented).toEqual([true]);
    expect(create).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("Team created.")).toBeInTheDocument();
  });
});
