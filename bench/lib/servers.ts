/**
 * Start and stop the servers under test as child processes: Ruamkid's own (`server/main.ts`) and the
 * y-websocket reference server (`y-websocket-ref`, i.e. y-websocket@2's bin/server.cjs), and prepare rooms
 * on them. Every child is registered so that `killAllChildren` (hooked to exit and signals by
 * `installExitHandlers`) never leaves one behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type CreateWorkshopResponse, parseLinkFragment } from "../../shared/protocol";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");
const REFERENCE_BIN = join(REPO_ROOT, "node_modules/y-websocket-ref/bin/server.cjs");
const RUAMKID_MAIN = join(REPO_ROOT, "server/main.ts");

const children = new Set<ChildProcess>();

/** Register a child process so it is killed when this process exits for any reason. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

export function killAllChildren(signal: NodeJS.Signals = "SIGKILL"): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

let handlersInstalled = false;

/** Kill every tracked child on exit, on SIGINT/SIGTERM/SIGHUP and on uncaught errors. */
export function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", () => killAllChildren());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping children`);
      killAllChildren();
      process.exit(130);
    });
  }
  const fail = (error: unknown) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
}

export type ServerKind = "ruamkid" | "reference";

export interface RoomHandle {
  /** The room name as the server sees it. */
  room: string;
  /** Full websocket URL a raw y-protocols client connects to. */
  wsUrl: string;
}

export interface ServerHandle {
  kind: ServerKind;
  /** A label for tables: "ruamkid(sqlite)", "ruamkid(memory)", "reference". */
  label: string;
  pid: number;
  port: number;
  httpUrl: string;
  child: ChildProcess;
  /** Create a room the benchmark clients may write to (a workshop on Ruamkid's server). */
  prepareRoom(): Promise<RoomHandle>;
  /** Everything the server wrote to stderr/stdout so far (capped), for post-mortems. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal. */
  stop(graceMs?: number): Promise<string>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const ruamkidServerExists = (): boolean => existsSync(RUAMKID_MAIN);

interface Spawned {
  child: ChildProcess;
  output: () => string;
  stop: (graceMs?: number) => Promise<string>;
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpExecArray>;
}

function spawnTracked(args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  trackChild(child);
  let log = "";
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    // Keep the head (startup) and the tail (the latest errors).
    if (log.length > 200_000) log = `${log.slice(0, 20_000)}\n…\n${log.slice(-100_000)}`;
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<string>((resolveExit) =>
    child.once("exit", (code, signal) => resolveExit(signal ?? String(code))),
  );
  return {
    child,
    output: () => log,
    stop: async (graceMs = 3000) => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = pattern.exec(log);
          if (!match) return false;
          cleanup();
          resolveMatch(match);
          return true;
        };
        const onData = () => void check();
        const onExit = (code: number | null, signal: string | null) => {
          cleanup();
          reject(new Error(`server exited (${signal ?? code}) before it was ready:\n${log.slice(-4000)}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`server not ready within ${timeoutMs} ms:\n${log.slice(-4000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout?.off("data", onData);
          child.stderr?.off("data", onData);
          child.off("exit", onExit);
        };
        child.stdout?.on("data", onData);
        child.stderr?.on("data", onData);
        child.once("exit", onExit);
        check();
      }),
  };
}

let roomCounter = 0;

export async function startReference(options: { env?: Record<string, string> } = {}): Promise<ServerHandle> {
  const port = await freePort();
  const spawned = spawnTracked([REFERENCE_BIN], {
    HOST: "127.0.0.1",
    PORT: String(port),
    ...options.env,
  });
  await spawned.waitFor(/running at/, 15_000);
  const httpUrl = `http://127.0.0.1:${port}`;
  return {
    kind: "reference",
    label: "reference",
    pid: spawned.child.pid as number,
    port,
    httpUrl,
    child: spawned.child,
    output: spawned.output,
    stop: spawned.stop,
    prepareRoom: async () => {
      const room = `bench-${process.pid}-${++roomCounter}`;
      return { room, wsUrl: `ws://127.0.0.1:${port}/${room}` };
    },
  };
}

export type Storage = "sqlite" | "memory";

export async function startRuamkid(
  options: { storage?: Storage; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<ServerHandle> {
  if (!ruamkidServerExists()) throw new Error(`${RUAMKID_MAIN} does not exist yet`);
  const storage = options.storage ?? "sqlite";
  const dataDir = mkdtempSync(join(tmpdir(), "ruamkid-bench-"));
  const spawned = spawnTracked([...(options.nodeArgs ?? []), "--import", "tsx", RUAMKID_MAIN], {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    STORAGE: storage,
    // The many-rooms scenario creates hundreds of workshops from one IP within seconds.
    CREATES_PER_MINUTE: "0",
    ...options.env,
  });
  const match = await spawned.waitFor(/Ruamkid listening on (http:\/\/\S+)/, 30_000);
  const httpUrl = (match[1] as string).replace("localhost", "127.0.0.1").replace("0.0.0.0", "127.0.0.1");
  const port = Number(new URL(httpUrl).port);
  const stop = async (graceMs?: number) => {
    const result = await spawned.stop(graceMs);
    rmSync(dataDir, { recursive: true, force: true });
    return result;
  };
  return {
    kind: "ruamkid",
    label: `ruamkid(${storage})`,
    pid: spawned.child.pid as number,
    port,
    httpUrl,
    child: spawned.child,
    output: spawned.output,
    stop,
    prepareRoom: async () => {
      const workshop = await createWorkshop(httpUrl);
      return {
        room: workshop.id,
        wsUrl: `ws://127.0.0.1:${port}/sync/${workshop.id}?token=${encodeURIComponent(workshop.token)}`,
      };
    },
  };
}

/** `POST /api/workshops`, returning the id and the facilitator token from its link. */
export async function createWorkshop(
  httpUrl: string,
  title = "bench",
): Promise<{ id: string; token: string; links: CreateWorkshopResponse["links"] }> {
  const response = await fetch(`${httpUrl}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, challenge: "" }),
  });
  if (!response.ok) {
    throw new Error(`POST /api/workshops: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as CreateWorkshopResponse;
  const parsed = parseLinkFragment(new URL(body.links.facilitator).hash);
  if (!parsed) throw new Error(`no token in facilitator link ${body.links.facilitator}`);
  return { id: body.id, token: parsed.token, links: body.links };
}

export interface ServerSpec {
  label: string;
  start: () => Promise<ServerHandle>;
}

export const referenceSpec: ServerSpec = { label: "reference", start: () => startReference() };
export const ruamkidSpec = (storage: Storage, nodeArgs: string[] = []): ServerSpec => ({
  label: `ruamkid(${storage})`,
  start: () => startRuamkid({ storage, nodeArgs }),
});
