/**
 * Mutation → subscriber latency of the local backend: 50 subscribed clients,
 * 500 sequential mutations from a separate writer, backend in its own process.
 */
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";
import { nextPorts, startBackend, stopBackend, tempDataDir } from "../local-backend/test/harness";

const getCounter = makeFunctionReference<"query", { name: string }, number>("counters:get");
const increment = makeFunctionReference<"mutation", { name: string }, number>("counters:increment");

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchLocalBackend(options: { subscribers?: number; mutations?: number } = {}) {
  const subscriberCount = options.subscribers ?? 50;
  const mutationCount = options.mutations ?? 500;
  const backend = await startBackend({ dataDir: tempDataDir(), ...nextPorts() });
  const make = () =>
    new ConvexClient(backend.url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
    });
  const writer = make();
  const sentAt = new Map<number, number>();
  const samples: number[] = [];
  const perMutationMax = new Map<number, number>();
  let seen = 0;
  let expected = 0;
  let notify: (() => void) | null = null;
  const subscribers = Array.from({ length: subscriberCount }, make);
  await Promise.all(
    subscribers.map(
      (client) =>
        new Promise<void>((ready) => {
          let first = true;
          client.onUpdate(getCounter, { name: "bench" }, (value) => {
            if (first) {
              first = false;
              ready();
              return;
            }
            const start = sentAt.get(value);
            if (start === undefined) return;
            const latency = performance.now() - start;
            samples.push(latency);
            perMutationMax.set(value, Math.max(perMutationMax.get(value) ?? 0, latency));
            seen += 1;
            if (seen === expected) notify?.();
          });
        }),
    ),
  );
  for (let i = 1; i <= mutationCount; i++) {
    expected = i * subscriberCount;
    const delivered = new Promise<void>((resolve) => (notify = resolve));
    sentAt.set(i, performance.now());
    await writer.mutation(increment, { name: "bench" });
    await delivered;
  }
  await Promise.all([writer, ...subscribers].map((client) => client.close()));
  await stopBackend(backend);
  const sorted = [...samples].sort((a, b) => a - b);
  const worst = [...perMutationMax.values()].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name: "local-backend: mutation → subscriber latency",
    subscribers: subscriberCount,
    mutations: mutationCount,
    samples: samples.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    lastSubscriberP50Ms: round(percentile(worst, 50)),
    lastSubscriberP95Ms: round(percentile(worst, 95)),
    targetP95Ms: 50,
    meetsTarget: percentile(sorted, 95) < 50,
  };
}
