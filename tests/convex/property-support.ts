/** What the property tests share: weighted operations, refusals told apart from crashes, and edge coverage. */
import fc from "fast-check";
import { expect, vi } from "vitest";
import { isAppErrorData, type ErrorCode } from "../../convex/errors";

/**
 * A share of the usual number of runs: 1 normally; the mutation run (vitest.mutation.config.mts) sets
 * PROPERTY_RUNS_SCALE so each mutant costs less. Invariants are checked as always; edge coverage is only
 * asserted at full scale (fewer runs reach fewer edges, and a missed edge must not pass for a killed mutant).
 */
export const RUNS_SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? "1");
export const runs = (full: number) => Math.max(5, Math.round(full * RUNS_SCALE));

/** Picks an operation name with the given weights. */
export function weighted<Op extends string>(entries: Array<[Op, number]>) {
  return fc.oneof(...entries.map(([op, weight]) => ({ arbitrary: fc.constant(op), weight })));
}

/**
 * Runs a call that may be refused. A refusal with one of the `expected` codes
 * is returned as that code; anything else (another code, a plain Error, a
 * crash) fails the property.
 */
export async function allowRefusal<R>(
  call: Promise<R>,
  expected: readonly ErrorCode[],
): Promise<{ ok: true; value: R } | { ok: false; code: ErrorCode }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    const data = (error as { data?: unknown }).data;
    if (isAppErrorData(data) && expected.includes(data.code)) return { ok: false, code: data.code };
    throw new Error(`unexpected failure (expected one of ${expected.join(", ")}): ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Counts, per edge, how many runs reached it. `report()` prints the table;
 * `expectReached` fails when an edge was reached by fewer runs than required.
 */
export class EdgeCoverage<Edge extends string> {
  private runs = 0;
  private current = new Set<Edge>();
  private readonly counts: Map<Edge, number>;

  constructor(
    private readonly name: string,
    edges: readonly Edge[],
  ) {
    this.counts = new Map(edges.map((edge) => [edge, 0]));
  }

  startRun() {
    this.finishRun();
    this.runs += 1;
  }

  hit(edge: Edge) {
    this.current.add(edge);
  }

  private finishRun() {
    for (const edge of this.current) {
      const count = this.counts.get(edge);
      if (count !== undefined) this.counts.set(edge, count + 1); // edges the test does not watch are not counted
    }
    this.current = new Set();
  }

  /** Prints how many of the runs reached each edge. */
  report() {
    this.finishRun();
    const width = Math.max(...[...this.counts.keys()].map((edge) => edge.length));
    const lines = [...this.counts].map(
      ([edge, count]) => `  ${edge.padEnd(width)}  ${String(count).padStart(4)} / ${this.runs} runs`,
    );
    console.log(`Edge coverage of "${this.name}":\n${lines.join("\n")}`);
    return { runs: this.runs, counts: new Map(this.counts) };
  }

  /**
   * Every edge was reached by at least `minimum[edge]` runs (a share of runs when below 1, else a count; default 1).
   */
  expectReached(minimum: Partial<Record<Edge, number>> = {}) {
    const { runs, counts } = this.report();
    if (RUNS_SCALE < 1) return; // a reduced mutation-testing run: printed, not asserted
    const missed = [...counts]
      .map(([edge, count]) => {
        const wanted = minimum[edge] ?? 1;
        const needed = wanted < 1 ? Math.ceil(wanted * runs) : wanted;
        return count < needed ? `${edge}: ${count} of ${runs} runs, needed ${needed}` : null;
      })
      .filter((line): line is string => line !== null);
    expect(missed, `edges the runs did not reach often enough`).toEqual([]);
  }
}

type Backend = { run: ConvexTest["run"]; finishInProgressScheduledFunctions: () => Promise<void> };
type ConvexTest = ReturnType<typeof import("./helpers").newTest>;

/**
 * Advances fake time by `ms`, then runs scheduled functions until none is due
 * or running (chains of any depth: a refund that frees a seat that makes an
 * offer that sends an email…). Fails when they never settle.
 */
export async function settle(t: Backend, ms = 0) {
  vi.advanceTimersByTime(ms);
  for (let round = 0; round < 50; round++) {
    vi.advanceTimersByTime(0);
    await t.finishInProgressScheduledFunctions();
    const busy = await t.run(async (ctx) => {
      const jobs = await ctx.db.system.query("_scheduled_functions").collect();
      return jobs.some(
        (job) => job.state.kind === "inProgress" || (job.state.kind === "pending" && job.scheduledTime <= Date.now()),
      );
    });
    if (!busy) return;
  }
  throw new Error("scheduled functions did not settle after 50 rounds");
}
