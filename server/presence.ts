/**
 * Awareness (presence) relay for one room, built for town-hall scale: hundreds of participants moving
 * cursors at 10 Hz. The stock y-websocket server relays every awareness update to every socket, O(N²)
 * messages; this hub instead
 *
 * - coalesces: updates are held and sent in windows (default 80 ms), one awareness message per window per
 *   recipient at most, carrying only each client's latest state; incoming JSON is parsed and validated
 *   once per client per window, however fast the client sends;
 * - scopes pointers: a recipient sees the board cursor and the rich-text caret of a client only when both
 *   are on the same stage and the client is in that stage's sample (at most `maxCursors`, the most recently
 *   active, kept stable). Everyone else is sent a state without cursor and caret, and a change that only
 *   moved such a cursor or caret is not sent;
 * - serializes once: a client's two variants (full, and without cursor and caret) are rebuilt only when its
 *   validated state changed, at most once per window, and each goes out as one shared segment;
 * - issues its own clocks: recipients get per-recipient variants of a state (with or without the pointer),
 *   so the server stamps every entry it sends with a clock of its own, strictly increasing per client
 *   (`max(last + 1, Date.now())`, which also stays ahead of what a client heard from an earlier server
 *   process). A recipient never gets an entry about its own client id with a server clock: at most an
 *   echo with the clock it sent itself, which y-protocols ignores;
 * - keeps sockets alive: any socket that was sent nothing for `keepaliveMs` gets an empty awareness
 *   update (the stock provider reconnects after 30 s of silence), and a sender whose window would
 *   otherwise be empty gets its own state echoed;
 * - drops bad input: states over `maxStateBytes` or that `readPresence` rejects are dropped (the socket
 *   stays open), and `user.role` is overwritten with the role of the connection's token.
 *
 * Document sync never waits on any of this: the hub only writes on its window flush and skips (then
 * resends a full snapshot to) a socket whose send buffer is above `backpressureBytes`.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { type PresenceState, readPresence, sameCaret } from "../shared/presence";
import type { Role } from "../shared/protocol";
import type { StageId } from "../shared/schema";
import type { Logger } from "./log";

export interface PresenceOptions {
  /** Coalescing window: awareness goes out at most once per window per socket. */
  windowMs?: number;
  /** Cursors one stage shows at most; the rest of its people are sent without cursor. */
  maxCursors?: number;
  /** A sampled cursor that has not moved for this long may give its place to a more active one. */
  sampleIdleMs?: number;
  /** A socket sent nothing for this long gets an empty awareness message (the stock client gives up at 30 s). */
  keepaliveMs?: number;
  /** A client whose state was not renewed for this long is removed (y-protocols `outdatedTimeout`). */
  outdatedMs?: number;
  /** Cursor-less states are resent to everyone at least this often while their client is active. */
  refreshMs?: number;
  /** Largest awareness state accepted, in bytes of JSON. */
  maxStateBytes?: number;
  /** Awareness client ids one socket may publish (the stock provider uses one). */
  maxClientsPerConnection?: number;
  /** A socket with more than this queued skips awareness windows, then gets a full snapshot. */
  backpressureBytes?: number;
}

export const PRESENCE_DEFAULTS: Required<PresenceOptions> = {
  windowMs: 80,
  maxCursors: 30,
  sampleIdleMs: 3000,
  keepaliveMs: 10_000,
  outdatedMs: 30_000,
  refreshMs: 12_000,
  maxStateBytes: 4096,
  maxClientsPerConnection: 4,
  backpressureBytes: 256 * 1024,
};

/** What the hub needs of a connection; `lastSentAt` must be kept by whoever sends on the socket. */
export interface PresencePeer {
  readonly role: Role;
  readonly bufferedAmount: number;
  readonly lastSentAt: number;
}

const MESSAGE_AWARENESS = 1;
/** An awareness update with no entries: resets the stock client's 30 s timer, changes nothing. */
export const KEEPALIVE_FRAME = new Uint8Array([MESSAGE_AWARENESS, 1, 0]);
const NULL_JSON = "null";
/** Frames written per turn of the event loop during a flush. */
const SEND_SLICE = 64;
/**
 * Every clock the server issues is at least `Date.now()` (about 1.7e12); a client's own clock counts its
 * updates from 0 and stays far below. An entry at or above this is a server entry echoed back to us.
 */
export const SERVER_CLOCK_FLOOR = 1e12;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const isNull = (b: Uint8Array) =>
  b.byteLength === 4 && b[0] === 0x6e && b[1] === 0x75 && b[2] === 0x6c && b[3] === 0x6c;

interface Client<P> {
  readonly id: number;
  owner: PeerView<P>;
  /** The clock this client last sent (accepted). */
  clock: number;
  /** Raw JSON received and not yet validated; validated at the next flush (latest wins). */
  pending: string | null;
  /** The raw JSON that produced `state`, to spot renewals without parsing. */
  raw: string | null;
  /** The last valid state; null until the client published one. */
  state: PresenceState | null;
  /** The state as sent to its stage's sample; the same string as `strippedJson` when it has no pointer. */
  fullJson: string;
  /** The state without cursor and caret, as everyone else gets it. */
  strippedJson: string;
  /** Has a board cursor or a rich-text caret (then `fullJson` differs from `strippedJson`). */
  pointer: boolean;
  lastUpdated: number;
  /** When the cursor or caret last moved (for sampling). */
  cursorAt: number;
  // ---- per window ----
  metaChanged: boolean;
  sendStripped: boolean;
  strippedAt: number;
  /** The server clock: strictly increasing across every entry about this client, to any recipient. */
  outClock: number;
  clockWindow: number;
  segWindow: number;
  fullSeg: Uint8Array | null;
  strippedSeg: Uint8Array | null;
  mark: number;
}

interface PeerView<P> {
  readonly peer: P;
  readonly clients: Set<Client<P>>;
  /** The stage the recipient's current view was built for; undefined before its first snapshot. */
  viewStage: StageId | null | undefined;
  needsSnapshot: boolean;
  /** Published a valid update this window: echoed back if nothing else goes to it. */
  published: boolean;
  droppedLogged: boolean;
}

interface StageView<P> {
  readonly members: Set<Client<P>>;
  readonly sample: Set<Client<P>>;
  joined: Client<P>[];
  left: Client<P>[];
}

interface Payload {
  segs: Uint8Array[];
  /** Client id → index in `segs`. */
  index: Map<number, number>;
  bytes: number;
  frame: Uint8Array | null;
}

const sameCursor = (a: PresenceState["cursor"], b: PresenceState["cursor"]) =>
  a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y);

/** Whether the fields everyone gets (all but cursor and caret, see `strip`) are the same. */
const sameMeta = (a: PresenceState, b: PresenceState) =>
  a.stage === b.stage &&
  a.user.id === b.user.id &&
  a.user.name === b.user.name &&
  a.user.color === b.user.color &&
  a.user.role === b.user.role;

/**
 * The state without its pointer fields. Every field of PresenceState must be listed (the type says so):
 * either sent to everyone, or only with the pointer (`cursor`, `caret`: undefined is left out of the JSON).
 */
function strip(s: PresenceState): { [K in keyof Required<PresenceState>]: PresenceState[K] } {
  return { user: s.user, stage: s.stage, cursor: null, caret: undefined };
}

function segment(id: number, clock: number, json: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, id);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, json);
  return encoding.toUint8Array(e);
}

function encodeFrame(segs: readonly Uint8Array[], skip?: ReadonlySet<number>): Uint8Array {
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < segs.length; i++) {
    if (skip?.has(i)) continue;
    count++;
    bytes += (segs[i] as Uint8Array).byteLength;
  }
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, count);
  const head = encoding.length(update);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint(e, head + bytes);
  encoding.writeVarUint(e, count);
  for (let i = 0; i < segs.length; i++) if (!skip?.has(i)) encoding.writeUint8Array(e, segs[i] as Uint8Array);
  return encoding.toUint8Array(e);
}

/** Thrown for a malformed awareness frame; the caller closes the socket like for any malformed frame. */
export class PresenceDecodeError extends Error {}

export class PresenceHub<P extends PresencePeer> {
  private readonly options: Required<PresenceOptions>;
  private readonly clients = new Map<number, Client<P>>();
  private readonly peers = new Map<P, PeerView<P>>();
  private readonly stages = new Map<StageId, StageView<P>>();
  private readonly dirty = new Set<Client<P>>();
  /** Clients removed since the last flush: id → the clock their removal goes out with (assigned at flush). */
  private readonly removed = new Map<number, number>();
  /** Clocks of removed clients, so a client id that comes back keeps counting up. */
  private readonly retired = new Map<number, { clock: number; at: number }>();
  private window = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly ticker: NodeJS.Timeout;
  private destroyed = false;

  constructor(
    private readonly send: (peer: P, frame: Uint8Array) => void,
    private readonly logger: Logger,
    private readonly name: string,
    options: PresenceOptions = {},
  ) {
    this.options = { ...PRESENCE_DEFAULTS, ...stripUndefined(options) };
    const tickMs = Math.max(20, Math.min(1000, this.options.keepaliveMs / 4, this.options.outdatedMs / 10));
    this.ticker = setInterval(() => this.tick(), tickMs);
    this.ticker.unref?.();
  }

  /** People with a valid state (tests and diagnostics). */
  get size(): number {
    let n = 0;
    for (const c of this.clients.values()) if (c.state) n++;
    return n;
  }

  join(peer: P): void {
    if (this.destroyed || this.peers.has(peer)) return;
    this.peers.set(peer, {
      peer,
      clients: new Set(),
      viewStage: undefined,
      needsSnapshot: true,
      published: false,
      droppedLogged: false,
    });
    if (this.size > 0) this.schedule();
  }

  /** A query-awareness message: the peer gets a full snapshot in the next window. */
  query(peer: P): void {
    const view = this.peers.get(peer);
    if (!view) return;
    view.needsSnapshot = true;
    this.schedule();
  }

  /** The socket is gone: its clients are removed now and the removal goes out in the next window. */
  leave(peer: P): void {
    const view = this.peers.get(peer);
    if (!view) return;
    this.peers.delete(peer);
    for (const c of [...view.clients]) this.remove(c);
  }

  /**
   * An awareness update (the payload of a type-1 message) from `peer`. Held until the next window; only
   * the latest state per client is parsed and validated then. Malformed framing throws (the caller closes
   * the socket as for any malformed frame); bad states are dropped.
   */
  receive(peer: P, update: Uint8Array): void {
    const view = this.peers.get(peer);
    if (!view || this.destroyed) return;
    const now = Date.now();
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      // A view into the frame: most entries are dropped below without ever decoding their JSON.
      const bytes = decoding.readVarUint8Array(decoder);
      let c = this.clients.get(id);
      // The stock provider sends back every remote state it applies, stamped with our clock: ignore
      // those relays (clients count their own clocks up from 0 and never reach server clocks).
      if (clock >= SERVER_CLOCK_FLOOR && c?.owner !== view) continue;
      if (c && c.owner === view && clock <= c.clock && !(clock === c.clock && isNull(bytes))) continue;
      if (bytes.byteLength > this.options.maxStateBytes) {
        this.dropped(view, `state of ${bytes.byteLength} bytes`);
        continue;
      }
      if (isNull(bytes)) {
        // Only the socket that published a client may take it away.
        if (c && c.owner === view) this.remove(c);
        continue;
      }
      let json: string;
      try {
        json = utf8.decode(bytes);
      } catch {
        this.dropped(view, "invalid UTF-8");
        continue;
      }
      if (c && c.owner !== view) {
        // The same client on a new socket while its old one is not closed yet (a reconnect).
        if (view.clients.size >= this.options.maxClientsPerConnection) {
          this.dropped(view, "too many client ids");
          continue;
        }
        c.owner.clients.delete(c);
        c.owner = view;
        view.clients.add(c);
      }
      if (!c) {
        if (view.clients.size >= this.options.maxClientsPerConnection) {
          this.dropped(view, "too many client ids");
          continue;
        }
        c = this.create(id, view);
      }
      c.clock = clock;
      c.pending = json;
      c.lastUpdated = now;
      this.dirty.add(c);
    }
    if (this.dirty.size > 0) this.schedule();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    clearInterval(this.ticker);
    this.clients.clear();
    this.peers.clear();
    this.stages.clear();
    this.dirty.clear();
    this.removed.clear();
  }

  /** Sends the pending window now (tests; normally the window timer does it). */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
  }

  // ---- bookkeeping ----

  private create(id: number, owner: PeerView<P>): Client<P> {
    // A client removed in this very window comes back: its new state supersedes the removal.
    const pendingRemoval = this.removed.get(id);
    this.removed.delete(id);
    const c: Client<P> = {
      id,
      owner,
      clock: 0,
      pending: null,
      raw: null,
      state: null,
      fullJson: NULL_JSON,
      strippedJson: NULL_JSON,
      pointer: false,
      lastUpdated: 0,
      cursorAt: 0,
      metaChanged: false,
      sendStripped: false,
      strippedAt: 0,
      outClock: pendingRemoval ?? this.retired.get(id)?.clock ?? 0,
      clockWindow: -1,
      segWindow: -1,
      fullSeg: null,
      strippedSeg: null,
      mark: -1,
    };
    this.clients.set(id, c);
    owner.clients.add(c);
    return c;
  }

  private remove(c: Client<P>): void {
    if (this.clients.get(c.id) !== c) return;
    this.clients.delete(c.id);
    c.owner.clients.delete(c);
    this.dirty.delete(c);
    if (c.state) {
      const stage = this.stages.get(c.state.stage);
      stage?.members.delete(c);
      stage?.sample.delete(c);
      this.removed.set(c.id, c.outClock);
      this.schedule();
    } else {
      this.retired.set(c.id, { clock: c.outClock, at: Date.now() });
    }
  }

  private dropped(view: PeerView<P>, why: string): void {
    if (view.droppedLogged) return;
    view.droppedLogged = true;
    this.logger.debug?.(`${this.name}: dropped awareness from a ${view.peer.role} socket (${why})`);
  }

  private stage(id: StageId): StageView<P> {
    let stage = this.stages.get(id);
    if (!stage) {
      stage = { members: new Set(), sample: new Set(), joined: [], left: [] };
      this.stages.set(id, stage);
    }
    return stage;
  }

  private schedule(): void {
    if (this.timer || this.destroyed) return;
    this.timer = setTimeout(() => this.flush(), this.options.windowMs);
    this.timer.unref?.();
  }

  private tick(): void {
    const now = Date.now();
    for (const c of [...this.clients.values()])
      if (c.state && now - c.lastUpdated >= this.options.outdatedMs) this.remove(c);
    for (const view of this.peers.values()) {
      const { peer } = view;
      if (now - peer.lastSentAt >= this.options.keepaliveMs && peer.bufferedAmount === 0)
        this.send(peer, KEEPALIVE_FRAME);
    }
    for (const [id, { at }] of this.retired)
      if (now - at > 10 * this.options.outdatedMs) this.retired.delete(id);
  }

  /** Validates the latest raw state of a client; returns whether there is anything to send about it. */
  private apply(c: Client<P>, now: number): boolean {
    const json = c.pending;
    c.pending = null;
    if (json === null) return false;
    if (json === c.raw && c.state) return true; // a renewal: same state, newer clock
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      parsed = undefined;
    }
    const state = parsed === undefined ? null : readPresence(parsed);
    if (!state) {
      this.dropped(c.owner, "invalid state");
      return false;
    }
    state.user.role = c.owner.peer.role;
    const prev = c.state;
    // The one serialization of this client in this window (apply runs once per dirty client per flush).
    const full = JSON.stringify(state);
    c.raw = json;
    c.lastUpdated = now;
    if (prev && full === c.fullJson) return true; // only dropped fields changed: a renewal
    c.state = state;
    const pointerChanged =
      !prev || !sameCursor(prev.cursor, state.cursor) || !sameCaret(prev.caret, state.caret);
    // Something other than the pointer changed when the pointer did not (whatever field it was), or when
    // the person or their stage did.
    const metaChanged = !prev || !pointerChanged || !sameMeta(prev, state);
    if (metaChanged) c.metaChanged = true;
    if (prev && prev.stage !== state.stage) {
      const old = this.stages.get(prev.stage);
      old?.members.delete(c);
      if (old?.sample.delete(c)) old.left.push(c);
    }
    this.stage(state.stage).members.add(c);
    c.pointer = state.cursor !== null || state.caret != null;
    if (pointerChanged && c.pointer) c.cursorAt = now;
    c.fullJson = full;
    if (!c.pointer) c.strippedJson = full;
    else if (metaChanged) c.strippedJson = JSON.stringify(strip(state));
    return true;
  }

  /** Keeps each stage's cursor sample: everyone when few, else the most recently active, stable. */
  private resample(stage: StageView<P>, id: StageId, now: number): void {
    const { sample, members } = stage;
    const cap = this.options.maxCursors;
    for (const c of sample) {
      if (c.state?.stage !== id || !c.pointer) {
        sample.delete(c);
        stage.left.push(c);
      }
    }
    let candidates: Client<P>[] | null = null;
    for (const c of members) {
      if (!c.state || !c.pointer || sample.has(c)) continue;
      if (sample.size < cap && candidates === null && members.size <= cap) {
        sample.add(c);
        stage.joined.push(c);
        continue;
      }
      candidates ??= [];
      candidates.push(c);
    }
    if (!candidates) return;
    candidates.sort((a, b) => b.cursorAt - a.cursorAt);
    let next = 0;
    while (sample.size < cap && next < candidates.length) {
      const c = candidates[next++] as Client<P>;
      sample.add(c);
      stage.joined.push(c);
    }
    if (next >= candidates.length) return;
    // Full: a cursor idle for a while gives its place to a candidate that moved more recently.
    const idle = [...sample]
      .filter((c) => now - c.cursorAt > this.options.sampleIdleMs)
      .sort((a, b) => a.cursorAt - b.cursorAt);
    for (const out of idle) {
      const c = candidates[next];
      if (!c || c.cursorAt <= out.cursorAt) break;
      next++;
      sample.delete(out);
      stage.left.push(out);
      sample.add(c);
      stage.joined.push(c);
    }
  }

  // ---- the window ----

  private clockOf(c: Client<P>, now: number): number {
    if (c.clockWindow !== this.window) {
      c.outClock = Math.max(c.outClock + 1, now);
      c.clockWindow = this.window;
    }
    return c.outClock;
  }

  private seg(c: Client<P>, full: boolean, now: number): Uint8Array {
    if (c.segWindow !== this.window) {
      c.segWindow = this.window;
      c.fullSeg = null;
      c.strippedSeg = null;
    }
    if (full && c.pointer) {
      c.fullSeg ??= segment(c.id, this.clockOf(c, now), c.fullJson);
      return c.fullSeg;
    }
    c.strippedSeg ??= segment(c.id, this.clockOf(c, now), c.strippedJson);
    return c.strippedSeg;
  }

  private flush(): void {
    this.timer = null;
    if (this.destroyed) return;
    this.window++;
    const now = Date.now();
    const window = this.window;

    const changed: Client<P>[] = [];
    for (const c of this.dirty) {
      if (this.apply(c, now)) {
        changed.push(c);
        c.owner.published = true;
      }
    }
    this.dirty.clear();
    for (const c of changed) {
      c.sendStripped = c.metaChanged || now - c.strippedAt >= this.options.refreshMs;
      if (c.sendStripped) c.strippedAt = now;
    }
    for (const [id, stage] of this.stages) {
      this.resample(stage, id, now);
      if (stage.members.size === 0 && stage.sample.size === 0 && stage.left.length === 0)
        this.stages.delete(id);
    }

    const removals: Uint8Array[] = [];
    const removedIds: number[] = [];
    for (const [id, last] of this.removed) {
      const clock = Math.max(last + 1, now);
      this.retired.set(id, { clock, at: now });
      removals.push(segment(id, clock, NULL_JSON));
      removedIds.push(id);
    }
    this.removed.clear();

    const deltas = new Map<StageId | null, Payload>();
    const snapshots = new Map<StageId | null, Payload>();
    let serial = window * 4;
    const build = (key: StageId | null, snapshot: boolean): Payload => {
      const mark = ++serial;
      const payload: Payload = { segs: [], index: new Map(), bytes: 0, frame: null };
      const add = (id: number, seg: Uint8Array) => {
        payload.index.set(id, payload.segs.length);
        payload.segs.push(seg);
        payload.bytes += seg.byteLength;
      };
      for (let i = 0; i < removals.length; i++) add(removedIds[i] as number, removals[i] as Uint8Array);
      const stage = key === null ? undefined : this.stages.get(key);
      const sample = stage?.sample;
      const put = (c: Client<P>, full: boolean) => {
        if (c.mark === mark || !c.state || this.clients.get(c.id) !== c) return;
        c.mark = mark;
        add(c.id, this.seg(c, full, now));
      };
      if (snapshot) {
        for (const c of this.clients.values()) put(c, sample?.has(c) === true);
        return payload;
      }
      for (const c of changed) {
        if (sample?.has(c)) put(c, true);
        else if (c.sendStripped) put(c, false);
      }
      if (stage) {
        for (const c of stage.joined) put(c, true);
        for (const c of stage.left) put(c, false);
      }
      return payload;
    };
    const payloadFor = (key: StageId | null, snapshot: boolean): Payload => {
      const cache = snapshot ? snapshots : deltas;
      let payload = cache.get(key);
      if (!payload) {
        payload = build(key, snapshot);
        cache.set(key, payload);
      }
      return payload;
    };

    const outbox: [P, Uint8Array][] = [];
    for (const view of this.peers.values()) {
      const key = this.stageOf(view);
      if (view.viewStage !== key) view.needsSnapshot = true;
      const snapshot = view.needsSnapshot;
      const payload = payloadFor(key, snapshot);
      let skip: Set<number> | undefined;
      for (const own of view.clients) {
        const at = payload.index.get(own.id);
        if (at === undefined) continue;
        skip ??= new Set();
        skip.add(at);
      }
      const entries = payload.segs.length - (skip?.size ?? 0);
      if (entries === 0 && !view.published) {
        if (snapshot) {
          view.needsSnapshot = false;
          view.viewStage = key;
        }
        continue;
      }
      if (view.peer.bufferedAmount > this.options.backpressureBytes) {
        // Not behind a backlog: this window is skipped and the socket gets a snapshot once it drains.
        view.needsSnapshot = true;
        view.published = false;
        continue;
      }
      let frame: Uint8Array;
      if (entries === 0) {
        // Nothing else for it: echo its own state with its own clock (y-protocols ignores it), so it hears back.
        const own = [...view.clients].filter((c) => c.state).map((c) => segment(c.id, c.clock, c.fullJson));
        view.published = false;
        if (own.length === 0) continue;
        frame = encodeFrame(own);
      } else if (skip) {
        frame = encodeFrame(payload.segs, skip);
      } else {
        payload.frame ??= encodeFrame(payload.segs);
        frame = payload.frame;
      }
      view.needsSnapshot = false;
      view.viewStage = key;
      view.published = false;
      outbox.push([view.peer, frame]);
    }
    this.drain(outbox, 0);

    for (const c of changed) {
      c.metaChanged = false;
      c.sendStripped = false;
    }
    for (const stage of this.stages.values()) {
      stage.joined = [];
      stage.left = [];
    }
  }

  /**
   * Writes a window's frames a slice at a time. Between slices the event loop reads sockets, so an
   * edit that arrives during a 500-socket flush is relayed at once instead of after every cursor frame.
   */
  private drain(outbox: [P, Uint8Array][], from: number): void {
    const end = Math.min(outbox.length, from + SEND_SLICE);
    for (let i = from; i < end; i++) {
      const [peer, frame] = outbox[i] as [P, Uint8Array];
      this.send(peer, frame);
    }
    if (end < outbox.length)
      setImmediate(() => {
        if (!this.destroyed) this.drain(outbox, end);
      });
  }

  /** The stage a recipient is on: that of the state its socket published last; null if it has none. */
  private stageOf(view: PeerView<P>): StageId | null {
    let best: Client<P> | null = null;
    for (const c of view.clients) if (c.state && (!best || c.lastUpdated >= best.lastUpdated)) best = c;
    return best?.state?.stage ?? null;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
