/** The machine a benchmark ran on, written next to its figures (they mean little without it). */
import os from "node:os";

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}
