"use client";
import { CheckCircle2, AlertCircle, X } from "lucide-react";
import * as React from "react";
import { cn } from "@/lib/utils";

type Toast = { id: number; tone: "success" | "error"; message: string };
const ToastContext = React.createContext<(tone: Toast["tone"], message: string) => void>(() => undefined);

/** Toasts for results of actions, including ConvexError messages. */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = React.useState<Toast[]>([]);
  const push = React.useCallback((tone: Toast["tone"], message: string) => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list, { id, tone, message }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 6000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2"
        role="status"
        aria-live="polite"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={cn(
              "pointer-events-auto flex items-start gap-3 rounded-md border bg-white p-3 text-sm shadow-lg",
              toast.tone === "error" ? "border-red-200" : "border-green-200",
            )}
          >
            {toast.tone === "error" ? (
              <AlertCircle className="mt-0.5 size-4 shrink-0 text-red-700" aria-hidden />
            ) : (
              <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden />
            )}
            <p className="flex-1 text-gray-900">{toast.message}</p>
            <button
              type="button"
              className="text-gray-500 hover:text-gray-900"
              aria-label="Dismiss"
              onClick={() => setToasts((list) => list.filter((t) => t.id !== toast.id))}
            >
              <X className="size-4" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return React.useContext(ToastContext);
}
