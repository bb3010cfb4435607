import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { type StartOptions, startServer } from "../../server/app";
import type { Logger } from "../../server/log";
import type { ParticipantId, WorkshopId } from "../../shared/ids";
import {
  contentRoom,
  controlRoom,
  parseLinkFragment,
  type Role,
  type RoleLinks,
  SYNC_PATH,
} from "../../shared/protocol";

export const AUTHOR = { id: "tester-0000000001" as ParticipantId, name: "Tester" };

/** Everything a test opened, closed in reverse order by `cleanup()` (call it in afterEach). */
const opened: (() => unknown)[] = [];
export const onCleanup = (fn: () => unknown) => opened.push(fn);
export async function cleanup(): Promise<void> {
  while (opened.length > 0) await opened.pop()?.();
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ruamkid-server-test-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A logger that keeps its lines, so tests can check what the server said. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m, e) => void lines.push(`error ${m} ${e instanceof Error ? e.message : ""}`),
  };
}

/** The real server in this process on a free port; in-memory storage unless told otherwise. */
export async function startTestServer(options: StartOptions = {}) {
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    storage: "memory",
    staticDir: null,
    ...options,
  });
  onCleanup(() => server.close());
  return server;
}

export interface CreatedWorkshop {
  id: WorkshopId;
  links: RoleLinks;
  tokens: Record<Role, string>;
}

export async function createWorkshop(
  baseUrl: string,
  body: unknown = { title: "Bus stop redesign", challenge: "How might we make waiting safer?" },
): Promise<CreatedWorkshop> {
  const response = await fetch(`${baseUrl}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  const { id, links } = (await response.json()) as { id: WorkshopId; links: RoleLinks };
  const tokens = {} as Record<Role, string>;
  for (const [role, link] of Object.entries(links) as [Role, string][]) {
    const parsed = parseLinkFragment(new URL(link).hash);
    if (!parsed) throw new Error(`bad link ${link}`);
    tokens[role] = parsed.token;
  }
  return { id, links, tokens };
}

export const syncUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, "ws")}${SYNC_PATH}`;

/** The stock y-websocket provider, as the client uses it. BroadcastChannel off: peers must go through the server. */
export function connectProvider(
  baseUrl: string,
  room: string,
  token: string,
  doc = new Y.Doc(),
  participant?: string,
) {
  const provider = new WebsocketProvider(syncUrl(baseUrl), room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: participant ? { token, participant } : { token },
    disableBc: true,
  });
  onCleanup(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider };
}

export function waitForSync(provider: WebsocketProvider, timeoutMs = 5000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("provider did not sync")), timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
}

export async function syncedProvider(
  baseUrl: string,
  room: string,
  token: string,
  doc?: Y.Doc,
  participant?: string,
) {
  const connection = connectProvider(baseUrl, room, token, doc, participant);
  await waitForSync(connection.provider);
  return connection;
}

/** Polls until `check` stops throwing (or returns a non-false value), or fails with its last error. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== false) return value;
      throw new Error("condition still false");
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A bare socket to a room, open and ready; for sending what the stock client never would. */
export function rawSocket(
  baseUrl: string,
  room: string,
  token: string,
  participant?: string,
): Promise<WebSocket> {
  const query = participant ? `&participant=${encodeURIComponent(participant)}` : "";
  const ws = new WebSocket(`${syncUrl(baseUrl)}/${room}?token=${encodeURIComponent(token)}${query}`);
  onCleanup(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

export function closeCode(ws: WebSocket, timeoutMs = 5000): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error("already closed"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket did not close")), timeoutMs);
    ws.once("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** The HTTP status an upgrade to `url` is refused with. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on("error", () => {});
    ws.once("unexpected-response", (request, response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    ws.once("open", () => {
      ws.terminate();
      reject(new Error("upgrade was accepted"));
    });
  });
}

/** `POST /api/workshops/:id/join`: a participant identity for a role token. */
export async function joinWorkshop(
  baseUrl: string,
  id: string,
  roleToken: string,
  name = "Citizen",
): Promise<{ participantId: ParticipantId; participantToken: string; role: Role }> {
  const response = await fetch(`${baseUrl}/api/workshops/${id}/join`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${roleToken}` },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 200) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { participantId: ParticipantId; participantToken: string; role: Role };
}

/** Joins with a role token and opens synced providers on both rooms of the workshop as that participant. */
export async function joinWithRooms(baseUrl: string, id: WorkshopId, roleToken: string, name: string) {
  const joined = await joinWorkshop(baseUrl, id, roleToken, name);
  const control = await syncedProvider(
    baseUrl,
    controlRoom(id),
    roleToken,
    undefined,
    joined.participantToken,
  );
  const content = await syncedProvider(
    baseUrl,
    contentRoom(id),
    roleToken,
    undefined,
    joined.participantToken,
  );
  return { ...joined, control, content };
}
