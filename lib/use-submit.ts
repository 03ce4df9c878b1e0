"use client";
import { useCallback, useState, type FormEvent } from "react";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";

export type SubmitOptions<T> = {
  /** Toast on success; a function gets the action's result (return null for no toast). */
  success?: string | ((result: T) => string | null);
  /** After success: close a dialog, reset a form, navigate. */
  onSuccess?: (result: T) => void;
  /** Which of several things is pending (a row's id), for `isPending(key)`. */
  key?: string;
  /** Stay pending after success, because the page is navigating away (and a second click would act twice). */
  keepPending?: boolean;
};

/**
 * Runs an action the person started (a Convex mutation or action, an upload) with a pending state, and shows
 * what went wrong in words: the `ConvexError`'s message, as a toast or (`errors: "inline"`) as `error` for the
 * form to show beside its fields.
 */
export function useSubmit({
  errors = "toast",
  describeError = errorMessage,
}: { errors?: "toast" | "inline"; describeError?: (error: unknown) => string } = {}) {
  const toast = useToast();
  const [pendingKeys, setPendingKeys] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async <T>(action: () => Promise<T>, options: SubmitOptions<T> = {}): Promise<boolean> => {
      const key = options.key ?? "";
      setPendingKeys((keys) => [...keys, key]);
      setError(null);
      let ok = false;
      try {
        const result = await action();
        ok = true;
        const message = typeof options.success === "function" ? options.success(result) : options.success;
        if (message) toast("success", message);
        options.onSuccess?.(result);
      } catch (caught) {
        const message = describeError(caught);
        if (errors === "inline") setError(message);
        else toast("error", message);
      }
      if (!ok || !options.keepPending) {
        setPendingKeys((keys) => {
          const index = keys.indexOf(key);
          return index === -1 ? keys : [...keys.slice(0, index), ...keys.slice(index + 1)];
        });
      }
      return ok;
    },
    [toast, errors, describeError],
  );

  /** A form's `onSubmit`: keeps the browser from navigating, then runs the action. */
  const handleSubmit = useCallback(
    <T>(action: () => Promise<T>, options?: SubmitOptions<T>) =>
      (event: FormEvent) => {
        event.preventDefault();
        void run(action, options);
      },
    [run],
  );

  const isPending = useCallback((key: string) => pendingKeys.includes(key), [pendingKeys]);
  return { pending: pendingKeys.length > 0, isPending, error, setError, run, handleSubmit };
}
