/**
 * One line per event on stderr, so stdout carries only the "listening" line that tooling parses.
 * Callers pass paths, never full URLs: the sync URL carries the token in its query string.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Chatty detail (dropped awareness and the like); off unless LOG_LEVEL=debug. */
  debug?(message: string): void;
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? "" : String(error);

const debugEnabled = process.env.LOG_LEVEL === "debug";

export const consoleLogger: Logger = {
  debug: (message) => {
    if (debugEnabled) process.stderr.write(`${new Date().toISOString()} debug ${message}\n`);
  },
  info: (message) => process.stderr.write(`${new Date().toISOString()} info ${message}\n`),
  warn: (message) => process.stderr.write(`${new Date().toISOString()} warn ${message}\n`),
  error: (message, error) =>
    process.stderr.write(
      `${new Date().toISOString()} error ${message}${error === undefined ? "" : ` (${describe(error)})`}\n`,
    ),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Drops the query string (and fragment) of a request URL before it goes anywhere near a log. */
export const pathOnly = (url: string | undefined): string => (url ?? "").split(/[?#]/, 1)[0] ?? "";
