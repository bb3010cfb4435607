import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as authProtocol from "y-protocols/auth";
import * as Y from "yjs";
import { getLockedStages, SERVER_ORIGIN } from "../shared/facilitation";
import type { WorkshopId } from "../shared/ids";
import { getMeta } from "../shared/model";
import { CLOSE, controlRoom, type DocKind, parseRoom, type Role } from "../shared/protocol";
import type { StageId } from "../shared/schema";
import { authorOf, claimClients } from "./guard/attribution";
import { type ConnectionLimits, connectionLimiter } from "./guard/limits";
import { inspectUpdate, mayWrite } from "./guard/update-policy";
import type { Logger } from "./log";
import type { Persistence } from "./persistence/types";
import { PresenceHub, type PresenceOptions, type PresencePeer } from "./presence";

/** Message types of the y-websocket protocol (first varUint of every frame). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** Who is on the other end of a socket; decided at the HTTP upgrade, before the socket exists. */
export interface ConnectionContext {
  workshopId: string;
  room: string;
  kind: DocKind;
  role: Role;
  /** Set when the socket presented a valid participant token (`?participant=`); citizens need it to write. */
  participantId?: string;
  name?: string;
}

/** A room as watchers see it. */
export interface RoomInfo {
  name: string;
  workshopId: string;
  kind: DocKind;
}

/** Told about room documents as they open and change (the workshop history listens). */
export interface RoomWatcher {
  opened?(room: RoomInfo, doc: Y.Doc): void;
  updated?(room: RoomInfo, doc: Y.Doc, origin: unknown): void;
}

export interface RoomManagerOptions {
  persistence: Persistence;
  logger: Logger;
  /** Quiet time after the last update before the log is compacted into the snapshot. */
  compactDebounceMs?: number;
  /** Upper bound on how long a busy room's log grows before it is compacted anyway. */
  compactMaxWaitMs?: number;
  /** Awareness coalescing, cursor sampling and keepalive; see `server/presence.ts`. */
  presence?: PresenceOptions;
  /** Per-connection message and byte rate limits; see `server/guard/limits.ts`. */
  limits?: ConnectionLimits;
}

// A reader that stops draining gets cut off instead of growing the heap without bound.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
// Messages a client may send while its room is still loading; the stock client sends two.
const MAX_QUEUED_MESSAGES = 512;
// How long a client gets to answer our close frame at shutdown before its socket is cut.
const CLOSE_GRACE_MS = 1000;

class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

class Connection implements PresencePeer {
  /** When anything was last written to the socket; the presence hub sends keepalives after long silence. */
  lastSentAt = Date.now();
  /** Messages that arrived before the room finished loading; null once they are handled in order. */
  queue: Uint8Array[] | null = [];
  closed = false;
  deniedOnce = false;
  readonly writable: boolean;
  /** Token buckets: the reason a message is over the limit, or null. */
  overLimit: (bytes: number) => string | null = () => null;

  constructor(
    readonly ws: WebSocket,
    readonly ctx: ConnectionContext,
  ) {
    this.writable = mayWrite(ctx);
  }

  get role(): Role {
    return this.ctx.role;
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}

type RoomState = "loading" | "open" | "closed";

class Room {
  readonly conns = new Map<WebSocket, Connection>();
  state: RoomState = "loading";
  doc: Y.Doc | null = null;
  presence: PresenceHub<Connection> | null = null;
  /** When the oldest update not yet folded into the snapshot arrived; null when the log is empty. */
  dirtySince: number | null = null;
  compactTimer: NodeJS.Timeout | null = null;
  /** Which writer first used each Yjs client id here: citizens may not write under someone else's. */
  readonly claims = new Map<number, string>();
  /** Server-side changes in progress (`RoomManager.change`): the room stays loaded while they run. */
  holds = 0;
  /** Called once the room is open (true) or gone (false). */
  readonly waiters: ((open: boolean) => void)[] = [];

  constructor(
    readonly name: string,
    readonly workshopId: string,
    readonly kind: DocKind,
  ) {}
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * One Y.Doc per open room, loaded on first join and unloaded (after a final compaction) when the last
 * connection leaves. Every accepted update is appended to the log before it is broadcast.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly persistence: Persistence;
  private readonly logger: Logger;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly presenceOptions: PresenceOptions;
  private readonly limits: ConnectionLimits | null;
  private shuttingDown = false;
  /** Locked stages per workshop, from its control document (facilitation toolkit): the guard refuses citizens' edits there. */
  private readonly locks = new Map<string, ReadonlySet<StageId>>();
  private readonly watchers = new Set<RoomWatcher>();

  constructor(options: RoomManagerOptions) {
    this.persistence = options.persistence;
    this.logger = options.logger;
    this.debounceMs = options.compactDebounceMs ?? 2000;
    this.maxWaitMs = options.compactMaxWaitMs ?? 10_000;
    this.presenceOptions = options.presence ?? {};
    this.limits = options.limits ?? null;
  }

  get closing(): boolean {
    return this.shuttingDown;
  }

  /** Sockets attached to a room now (0 when it is not loaded); the upgrade caps it. */
  connectionCount(room: string): number {
    return this.rooms.get(room)?.conns.size ?? 0;
  }

  /** Closes every live socket of a workshop that came in with `role`'s token (it was just rotated). */
  revoke(workshopId: string, role: Role): number {
    let closed = 0;
    for (const room of [...this.rooms.values()]) {
      if (room.workshopId !== workshopId) continue;
      for (const conn of [...room.conns.values()]) {
        if (conn.ctx.role !== role) continue;
        this.reject(room, conn, CLOSE.tokenRevoked, "token revoked");
        closed++;
      }
    }
    return closed;
  }

  /** Names of the rooms currently in memory (loading or open). */
  openRooms(): string[] {
    return [...this.rooms.keys()];
  }

  /** The title as the control document has it now, when that document is in memory. */
  liveTitle(workshopId: string): string | null {
    const room = this.rooms.get(controlRoom(workshopId as WorkshopId));
    return room?.state === "open" && room.doc ? getMeta(room.doc).title : null;
  }

  /**
   * Runs `fn` on a room's document in one server transaction (origin `SERVER_ORIGIN`): loads the room
   * when nobody is in it, keeps it loaded meanwhile, and the resulting update is appended and broadcast
   * like any client's. Rejects when the room cannot load or the server is stopping.
   */
  async change<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const parsed = parseRoom(name);
    if (!parsed || this.shuttingDown) throw new Error(`room ${name} is not available`);
    const room =
      this.rooms.get(name) ??
      this.load({ room: name, workshopId: parsed.workshopId, kind: parsed.kind, role: "facilitator" });
    room.holds++;
    try {
      if (room.state === "loading") await new Promise<boolean>((resolve) => room.waiters.push(resolve));
      const doc = room.doc;
      if (room.state !== "open" || !doc) throw new Error(`room ${name} is not available`);
      let result: T | undefined;
      doc.transact(() => {
        result = fn(doc);
      }, SERVER_ORIGIN);
      return result as T;
    } finally {
      room.holds--;
      if (room.holds === 0 && room.conns.size === 0 && room.state === "open") this.unload(room);
    }
  }

  /** Adds a watcher of every room's document; returns its removal. */
  watch(watcher: RoomWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private tellWatchers(room: Room, fn: (watcher: RoomWatcher, doc: Y.Doc) => void): void {
    const doc = room.doc;
    if (!doc) return;
    for (const watcher of this.watchers) {
      try {
        fn(watcher, doc);
      } catch (error) {
        this.logger.error(`room ${room.name}: a watcher failed`, error);
      }
    }
  }

  /** Stages whose boards are locked in a workshop, as its control document last said. */
  lockedStages(workshopId: string): ReadonlySet<StageId> {
    return this.locks.get(workshopId) ?? new Set();
  }

  /** The presence hub of a room, when loaded (tests and diagnostics). */
  peekPresence(room: string): { readonly size: number; flushNow(): void } | null {
    return this.rooms.get(room)?.presence ?? null;
  }

  /** The server's current document of a room, when loaded (tests and diagnostics). */
  peekDoc(room: string): Y.Doc | null {
    return this.rooms.get(room)?.doc ?? null;
  }

  connect(ws: WebSocket, ctx: ConnectionContext): void {
    const conn = new Connection(ws, ctx);
    if (this.limits) conn.overLimit = connectionLimiter(this.limits);
    ws.on("error", (error) =>
      this.logger.warn(`socket error in ${ctx.room} (${ctx.role}): ${describe(error)}`),
    );
    if (this.shuttingDown) {
      ws.close(CLOSE.serviceRestart, "server restarting");
      return;
    }
    let room = this.rooms.get(ctx.room);
    if (!room) room = this.load(ctx);
    const joined = room;
    joined.conns.set(ws, conn);
    ws.on("message", (data) => this.receive(joined, conn, toBytes(data)));
    ws.on("close", () => this.leave(joined, conn));
    if (joined.state === "open") this.greet(joined, conn);
  }

  /** Compacts every room, closes every socket with `code`, and unloads everything. */
  async closeAll(code: number = CLOSE.serviceRestart): Promise<void> {
    this.shuttingDown = true;
    const sockets: Promise<void>[] = [];
    for (const room of [...this.rooms.values()]) {
      if (room.state === "open") this.compact(room);
      for (const conn of [...room.conns.values()]) {
        sockets.push(this.closeSocket(conn.ws, code, "server restarting"));
        this.leave(room, conn);
      }
      if (room.state === "open") this.unload(room);
    }
    await Promise.all(sockets);
  }

  private closeSocket(ws: WebSocket, code: number, reason: string): Promise<void> {
    if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
      ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(code, reason);
    });
  }

  // ---- loading and unloading ----

  private load(ctx: ConnectionContext): Room {
    const room = new Room(ctx.room, ctx.workshopId, ctx.kind);
    // Registered before the first await: every concurrent joiner finds this room and waits on it.
    this.rooms.set(room.name, room);
    // The content guard needs the workshop's locked stages: read them from the control document.
    if (ctx.kind === "content" && !this.locks.has(ctx.workshopId))
      this.change(controlRoom(ctx.workshopId as WorkshopId), () => undefined).catch(() => {});
    this.persistence
      .loadRoom(room.name)
      .then((stored) => {
        const doc = new Y.Doc();
        if (stored.snapshot) {
          try {
            Y.applyUpdate(doc, stored.snapshot);
          } catch (error) {
            throw new Error(`stored snapshot does not apply: ${describe(error)}`);
          }
        }
        // One transaction for the whole log: a long log (after a crash) otherwise pays Yjs's
        // per-transaction cleanup for every row (bench:load measured −37 % for 100k updates).
        doc.transact(() => {
          for (const update of stored.updates) {
            try {
              if (update.data.byteLength === 0) throw new Error("empty update");
              Y.applyUpdate(doc, update.data);
            } catch (error) {
              throw new Error(`stored update seq ${update.seq} does not apply: ${describe(error)}`);
            }
          }
        });
        return { doc, logLength: stored.updates.length };
      })
      .then(
        ({ doc, logLength }) => this.activate(room, doc, logLength),
        (error) => this.fail(room, error),
      )
      .catch((error) => this.fail(room, error));
    return room;
  }

  private activate(room: Room, doc: Y.Doc, logLength: number): void {
    if (room.state !== "loading") {
      doc.destroy();
      return;
    }
    room.doc = doc;
    // The server is not a participant: it only relays the presence of others.
    room.presence = new PresenceHub<Connection>(
      (conn, message) => this.send(conn, message),
      this.logger,
      room.name,
      this.presenceOptions,
    );
    room.state = "open";
    doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(room, update, origin));
    if (room.kind === "control") this.locks.set(room.workshopId, getLockedStages(doc));
    this.tellWatchers(room, (w, d) => w.opened?.(room, d));
    for (const wake of room.waiters.splice(0)) wake(true);
    if (this.shuttingDown) {
      room.state = "closed";
      this.release(room);
      return;
    }
    // A long log from the previous session is folded in soon, so the next load is short.
    if (logLength > 0) this.scheduleCompaction(room);
    if (room.conns.size === 0 && room.holds === 0) {
      this.unload(room);
      return;
    }
    for (const conn of [...room.conns.values()]) this.greet(room, conn);
  }

  private fail(room: Room, error: unknown): void {
    if (room.state === "closed") return;
    this.logger.error(`room ${room.name} failed to load; closing its ${room.conns.size} client(s)`, error);
    room.state = "closed";
    this.release(room);
    for (const conn of [...room.conns.values()]) {
      conn.closed = true;
      conn.ws.close(CLOSE.roomUnavailable, "room unavailable");
    }
    room.conns.clear();
  }

  private unload(room: Room): void {
    if (room.state === "closed") return;
    try {
      if (room.state === "open") this.compact(room);
    } finally {
      room.state = "closed";
      this.release(room);
    }
  }

  /** Drops everything the room holds in memory; safe on every path, including failed loads. */
  private release(room: Room): void {
    if (room.compactTimer) clearTimeout(room.compactTimer);
    room.compactTimer = null;
    room.presence?.destroy();
    room.doc?.destroy();
    room.presence = null;
    room.doc = null;
    for (const wake of room.waiters.splice(0)) wake(false);
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
  }

  // ---- persistence ----

  private onUpdate(room: Room, update: Uint8Array, origin: unknown): void {
    if (room.kind === "control" && room.doc) this.locks.set(room.workshopId, getLockedStages(room.doc));
    try {
      const who = origin instanceof Connection ? origin.ctx : null;
      const attributed = who ? authorOf(update, who) : null;
      this.persistence.appendUpdate(room.name, update, attributed?.author);
      if (who && attributed)
        claimClients(room.claims, attributed.clients, who.participantId ?? `${who.role}:${who.workshopId}`);
    } catch (error) {
      // Still in memory: the next compaction writes it, so keep serving rather than drop the edit.
      this.logger.error(`room ${room.name}: appending an update failed`, error);
    }
    this.scheduleCompaction(room);
    const message = frame((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, SYNC.update);
      encoding.writeVarUint8Array(e, update);
    });
    for (const conn of room.conns.values()) if (conn !== origin) this.send(conn, message);
    this.tellWatchers(room, (w, d) => w.updated?.(room, d, origin));
  }

  private scheduleCompaction(room: Room): void {
    const now = Date.now();
    room.dirtySince ??= now;
    if (room.compactTimer) clearTimeout(room.compactTimer);
    const delay = Math.max(0, Math.min(this.debounceMs, room.dirtySince + this.maxWaitMs - now));
    room.compactTimer = setTimeout(() => this.compact(room), delay);
    room.compactTimer.unref();
  }

  private compact(room: Room): void {
    if (room.compactTimer) clearTimeout(room.compactTimer);
    room.compactTimer = null;
    if (room.state !== "open" || !room.doc || room.dirtySince === null) return;
    try {
      this.persistence.compactRoom(room.name, Y.encodeStateAsUpdate(room.doc));
      room.dirtySince = null;
      if (room.kind === "control") {
        const title = getMeta(room.doc).title;
        if (title) this.persistence.setWorkshopTitle(room.workshopId, title);
      }
    } catch (error) {
      // The update log still holds everything, so a failed compaction only costs load time.
      this.logger.error(`room ${room.name}: compaction failed`, error);
    }
  }

  // ---- connections ----

  private greet(room: Room, conn: Connection): void {
    const { doc, presence } = room;
    if (!doc || !presence) return;
    // Ask for what the client has that we lack (edits made offline); pointless for read-only sockets.
    if (conn.writable)
      this.send(
        conn,
        frame((e) => {
          encoding.writeVarUint(e, MESSAGE.sync);
          encoding.writeVarUint(e, SYNC.step1);
          encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
        }),
      );
    // Who is here goes out with the next awareness window, scoped to the stage this client is on.
    presence.join(conn);
    const queued = conn.queue ?? [];
    conn.queue = null;
    for (const message of queued) {
      if (conn.closed) break;
      this.handle(room, conn, message);
    }
  }

  private receive(room: Room, conn: Connection, message: Uint8Array): void {
    if (conn.closed || room.state === "closed" || this.shuttingDown) return;
    const over = conn.overLimit(message.byteLength);
    if (over) {
      this.reject(room, conn, CLOSE.policyViolation, over);
      return;
    }
    if (conn.queue) {
      if (conn.queue.length >= MAX_QUEUED_MESSAGES) this.reject(room, conn, 1008, "too many messages");
      else conn.queue.push(message);
      return;
    }
    this.handle(room, conn, message);
  }

  private handle(room: Room, conn: Connection, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE.sync:
          this.handleSync(room, conn, decoder);
          break;
        case MESSAGE.awareness:
          // Held for the next window; never sent from here, so it cannot delay document updates.
          room.presence?.receive(conn, decoding.readVarUint8Array(decoder));
          break;
        case MESSAGE.queryAwareness:
          room.presence?.query(conn);
          break;
        default:
          throw new ProtocolError(CLOSE.unsupportedData, `unknown message type ${type}`);
      }
    } catch (error) {
      const code = error instanceof ProtocolError ? error.code : CLOSE.invalidPayload;
      this.reject(room, conn, code, describe(error));
    }
  }

  private handleSync(room: Room, conn: Connection, decoder: decoding.Decoder): void {
    const doc = room.doc;
    if (!doc) return;
    const subType = decoding.readVarUint(decoder);
    switch (subType) {
      case SYNC.step1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        const diff = Y.encodeStateAsUpdate(doc, stateVector);
        this.send(
          conn,
          frame((e) => {
            encoding.writeVarUint(e, MESSAGE.sync);
            encoding.writeVarUint(e, SYNC.step2);
            encoding.writeVarUint8Array(e, diff);
          }),
        );
        return;
      }
      case SYNC.step2:
      case SYNC.update: {
        const update = decoding.readVarUint8Array(decoder);
        if (!conn.writable) {
          this.denyOnce(conn);
          return;
        }
        // A zero-length update sends Yjs into a bad state (yjs #498); an empty one is [0, 0].
        // A zero-length or truncated update must never reach Y.applyUpdate; citizens pass the content guard.
        const locked = room.kind === "content" ? this.locks.get(room.workshopId) : undefined;
        const verdict = inspectUpdate(doc, update, conn.ctx, room.claims, locked);
        if (!verdict.ok && verdict.malformed) throw new ProtocolError(CLOSE.invalidPayload, verdict.reason);
        if (!verdict.ok) {
          this.logger.warn(
            `refused an update from ${conn.ctx.role} ${conn.ctx.participantId ?? "(no participant)"} in ${room.name}: ${verdict.reason}`,
          );
          this.denyOnce(conn);
          return;
        }
        Y.applyUpdate(doc, update, conn);
        return;
      }
      default:
        throw new ProtocolError(CLOSE.unsupportedData, `unknown sync message type ${subType}`);
    }
  }

  /** Tells a read-only client once that its edits are dropped; the stock provider logs the reason. */
  private denyOnce(conn: Connection): void {
    if (conn.deniedOnce) return;
    conn.deniedOnce = true;
    this.send(
      conn,
      frame((e) => {
        encoding.writeVarUint(e, MESSAGE.auth);
        authProtocol.writePermissionDenied(e, `${conn.ctx.role} may not edit this document`);
      }),
    );
  }

  private send(conn: Connection, message: Uint8Array): void {
    const ws = conn.ws;
    if (conn.closed || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      const room = this.rooms.get(conn.ctx.room);
      if (room) this.reject(room, conn, 1013, "client too slow");
      return;
    }
    conn.lastSentAt = Date.now();
    // No per-message callback: write errors reach the socket's 'error' listener, and a closure per
    // frame is measurable at hundreds of sockets × 12 presence windows a second.
    ws.send(message);
  }

  /** Closes one connection for something it did; the room and its other clients carry on. */
  private reject(room: Room, conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    this.logger.warn(`closing a ${conn.ctx.role} connection to ${room.name} with ${code}: ${reason}`);
    conn.ws.close(code, reason.slice(0, 120));
    this.leave(room, conn);
  }

  private leave(room: Room, conn: Connection): void {
    conn.closed = true;
    if (room.conns.get(conn.ws) !== conn) return;
    room.conns.delete(conn.ws);
    // Its presence is removed now; the removal goes out with the next window.
    room.presence?.leave(conn);
    if (room.conns.size === 0 && room.holds === 0 && room.state === "open") this.unload(room);
  }
}
