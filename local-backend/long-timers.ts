/**
 * Node's setTimeout fires at once when the delay exceeds 2^31-1 ms (~24.8
 * days) — a function scheduled a month ahead would run immediately. Convex's
 * scheduler has no such limit, and convex-test's scheduler arms its timers
 * through globalThis.setTimeout, so the backend process installs a setTimeout
 * that waits in steps for long delays (and a clearTimeout that cancels them).
 */
const MAX_DELAY = 2 ** 31 - 1;
const nativeSetTimeout = globalThis.setTimeout;
const nativeClearTimeout = globalThis.clearTimeout;

class LongTimer {
  inner: ReturnType<typeof nativeSetTimeout> | null = null;
  constructor(callback: () => void, due: number) {
    const arm = () => {
      const remaining = due - Date.now();
      this.inner =
        remaining > MAX_DELAY ? nativeSetTimeout(arm, MAX_DELAY) : nativeSetTimeout(callback, Math.max(0, remaining));
    };
    arm();
  }
  unref() {
    this.inner?.unref();
    return this;
  }
  ref() {
    this.inner?.ref();
    return this;
  }
}

let installed = false;

export function installLongTimers() {
  if (installed) return;
  installed = true;
  const patched = ((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    if (typeof delay === "number" && delay > MAX_DELAY)
      return new LongTimer(() => callback(...args), Date.now() + delay);
    return nativeSetTimeout(callback, delay, ...args);
  }) as unknown as typeof setTimeout;
  globalThis.setTimeout = patched;
  globalThis.clearTimeout = ((timer: unknown) => {
    if (timer instanceof LongTimer) {
      if (timer.inner) nativeClearTimeout(timer.inner);
      return;
    }
    nativeClearTimeout(timer as Parameters<typeof clearTimeout>[0]);
  }) as typeof clearTimeout;
}
