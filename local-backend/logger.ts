/** Plain line logger for the local backend; quiet mode keeps test output short. */
export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  call(kind: string, udfPath: string, ms: number, outcome: string): void;
};

export function createLogger(options: { quiet?: boolean; prefix?: string } = {}): Logger {
  const prefix = options.prefix ?? "[convex-local]";
  return {
    info: (message) => {
      if (!options.quiet) console.log(`${prefix} ${message}`);
    },
    warn: (message) => console.warn(`${prefix} ${message}`),
    error: (message) => console.error(`${prefix} ${message}`),
    call: (kind, udfPath, ms, outcome) => {
      if (!options.quiet) console.log(`${prefix} ${kind.padEnd(8)} ${udfPath} ${ms.toFixed(1)}ms ${outcome}`);
    },
  };
}
