/**
 * A presence load process: holds hundreds of minimal y-websocket clients that move their cursor at a
 * fixed rate and otherwise do as little as possible, so that the load processes (sharing the machine's
 * cores with the server) stay ahead of the server:
 *
 * - no Y.Doc: the client sends sync step 1 with an empty state vector, answers the server's step 1 with
 *   an empty step 2, and never applies document updates. Edits of the benchmark's writer carry their send
 *   time in the map key (`pz|<seq>|<send time>|`), which is found in the raw update bytes;
 * - awareness is counted (messages, bytes) and not decoded, except by "stock" clients, which read each
 *   entry's client id and clock (not its JSON) to send back every entry newer than what they had, as the
 *   stock `WebsocketProvider` does (it re-broadcasts whatever `applyAwarenessUpdate` reports as updated);
 * - the own state is a valid presence state (`shared/presence.ts`), built by string concatenation.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import type {
  PresenceClientSpec,
  PresenceCounters,
  PresenceReply,
  PresenceRequest,
} from "./presence-protocol";

const now = () => performance.timeOrigin + performance.now();

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;
/** Sync step 1 with the state vector of an empty document. */
const STEP1 = new Uint8Array([MESSAGE_SYNC, 0, 1, 0]);
/** Sync step 2 with the (empty) update of an empty document. */
const STEP2 = new Uint8Array([MESSAGE_SYNC, 1, 2, 0, 0]);
const EDIT_MARKER = Buffer.from("pz|");
const BAR = 0x7c;
const COLORS = ["#b91c1c", "#9a3412", "#166534", "#1d4ed8", "#6d28d9", "#be185d", "#0f766e", "#4d7c0f"];

interface Client {
  gid: number;
  /** Awareness client id (unique per run: ids of the writer's Y.Doc are random 32-bit). */
  id: number;
  ws: WebSocket;
  mode: "own" | "stock";
  clock: number;
  prefix: string;
  x: number;
  y: number;
  /** Stock clients: the clock each remote client id was last seen with. */
  known: Map<number, number> | null;
  synced: boolean;
  closedByUs: boolean;
  close: { code: number; reason: string } | null;
}

const clients: Client[] = [];
const counters = {
  msgsIn: 0,
  bytesIn: 0,
  awarenessMsgsIn: 0,
  awarenessBytesIn: 0,
  syncMsgsIn: 0,
  syncBytesIn: 0,
  moves: 0,
  movesSkipped: 0,
  echoMsgs: 0,
  echoEntries: 0,
  bytesOut: 0,
  decodeErrors: 0,
};
/** Deliveries of edits: [send time, latency, edit key]. */
const deliveries: { at: number; latency: number; key: string }[] = [];
const lag = monitorEventLoopDelay({ resolution: 10 });

function send(client: Client, frame: Uint8Array): void {
  if (client.ws.readyState !== WebSocket.OPEN) return;
  counters.bytesOut += frame.byteLength;
  client.ws.send(frame);
}

function ownFrame(client: Client): Uint8Array {
  const json = `${client.prefix}{"x":${client.x},"y":${client.y}}}`;
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, client.id);
  encoding.writeVarUint(update, client.clock);
  encoding.writeVarString(update, json);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  return encoding.toUint8Array(e);
}

function move(client: Client): void {
  client.clock++;
  client.x = Math.max(0, Math.min(2400, client.x + Math.round((Math.random() - 0.5) * 40)));
  client.y = Math.max(0, Math.min(1600, client.y + Math.round((Math.random() - 0.5) * 40)));
  send(client, ownFrame(client));
}

/** Finds the writer's edit keys in a sync message and records their latency. */
function timeEdits(data: Buffer, at: number): void {
  let from = 0;
  for (;;) {
    const i = data.indexOf(EDIT_MARKER, from);
    if (i < 0) return;
    const seqEnd = data.indexOf(BAR, i + 3);
    const tsEnd = seqEnd < 0 ? -1 : data.indexOf(BAR, seqEnd + 1);
    if (tsEnd < 0) return;
    const key = data.toString("latin1", i + 3, seqEnd);
    const sentAt = Number(data.toString("latin1", seqEnd + 1, tsEnd));
    if (Number.isFinite(sentAt)) deliveries.push({ at: sentAt, latency: at - sentAt, key });
    from = tsEnd + 1;
  }
}

/** The stock provider: every entry newer than what we had is sent back as it came (same id, clock, JSON). */
function echo(client: Client, data: Buffer): void {
  const known = client.known as Map<number, number>;
  const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  decoding.readVarUint(decoder); // message type
  const update = decoding.readVarUint8Array(decoder);
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  let out: encoding.Encoder | null = null;
  let entries = 0;
  const segments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const start = d.pos;
    const id = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const len = decoding.readVarUint(d);
    d.pos += len;
    if (id === client.id) continue;
    const prev = known.get(id);
    if (prev !== undefined && prev >= clock) continue;
    known.set(id, clock);
    segments.push(update.subarray(start, d.pos));
    entries++;
  }
  if (entries === 0) return;
  out = encoding.createEncoder();
  encoding.writeVarUint(out, MESSAGE_AWARENESS);
  let bytes = 0;
  for (const s of segments) bytes += s.byteLength;
  const head = encoding.createEncoder();
  encoding.writeVarUint(head, entries);
  encoding.writeVarUint(out, encoding.length(head) + bytes);
  encoding.writeVarUint(out, entries);
  for (const s of segments) encoding.writeUint8Array(out, s);
  counters.echoMsgs++;
  counters.echoEntries += entries;
  send(client, encoding.toUint8Array(out));
}

function onMessage(client: Client, data: Buffer, resolveSynced: () => void): void {
  counters.msgsIn++;
  counters.bytesIn += data.byteLength;
  const type = data[0];
  if (type === MESSAGE_AWARENESS) {
    counters.awarenessMsgsIn++;
    counters.awarenessBytesIn += data.byteLength;
    if (client.known) echo(client, data);
    return;
  }
  if (type === MESSAGE_SYNC) {
    counters.syncMsgsIn++;
    counters.syncBytesIn += data.byteLength;
    const sub = data[1];
    if (sub === 0) send(client, STEP2);
    else if (sub === 1) {
      client.synced = true;
      resolveSynced();
    } else if (sub === 2) timeEdits(data, now());
    return;
  }
  if (type === MESSAGE_QUERY_AWARENESS) {
    send(client, ownFrame(client));
    return;
  }
  if (type !== MESSAGE_AUTH) counters.decodeErrors++;
}

function open(spec: PresenceClientSpec): Promise<void> {
  const ws = new WebSocket(spec.url, { perMessageDeflate: false });
  ws.binaryType = "nodebuffer";
  const client: Client = {
    gid: spec.gid,
    id: 1_000_000 + spec.gid,
    ws,
    mode: spec.mode,
    clock: 0,
    prefix:
      `{"user":{"id":"bench-${spec.gid}","name":"Bench ${spec.gid}","color":"${COLORS[spec.gid % COLORS.length]}",` +
      `"role":"team"},"stage":"${spec.stage}","cursor":`,
    x: Math.round(Math.random() * 2400),
    y: Math.round(Math.random() * 1600),
    known: spec.mode === "stock" ? new Map() : null,
    synced: false,
    closedByUs: false,
    close: null,
  };
  clients.push(client);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("not synced within 30 s")), 30_000);
    const synced = () => {
      clearTimeout(timer);
      resolve();
    };
    ws.on("open", () => {
      send(client, STEP1);
      send(client, ownFrame(client));
    });
    ws.on("message", (data: Buffer) => onMessage(client, data, synced));
    ws.on("error", (error) => reject(error));
    ws.on("close", (code, reason) => {
      client.close = { code, reason: reason.toString() };
      reject(new Error(`closed ${code} ${reason.toString()}`));
    });
  });
}

async function connect(specs: PresenceClientSpec[], concurrency: number): Promise<PresenceReply> {
  const started = now();
  const errors: string[] = [];
  let next = 0;
  const one = async () => {
    while (next < specs.length) {
      const spec = specs[next++] as PresenceClientSpec;
      await open(spec).catch((error) => errors.push(`client ${spec.gid}: ${String(error)}`));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, one));
  return { ok: true, ms: now() - started, failed: errors.length, errors: errors.slice(0, 5) };
}

let mover: NodeJS.Timeout | null = null;

/** Moves cursors round-robin at `hz` per client; never catches up more than one round (counts skips). */
function startMoving(hz: number): void {
  if (mover) clearInterval(mover);
  const start = now();
  let done = 0;
  let next = 0;
  mover = setInterval(() => {
    const n = clients.length;
    if (n === 0) return;
    let due = Math.floor(((now() - start) * hz * n) / 1000) - done;
    if (due > n) {
      counters.movesSkipped += due - n;
      done += due - n;
      due = n;
    }
    for (let i = 0; i < due; i++) {
      const client = clients[next++ % n] as Client;
      if (client.ws.readyState === WebSocket.OPEN) {
        move(client);
        counters.moves++;
      }
      done++;
    }
  }, 5);
}

function snapshot(): PresenceCounters {
  const closedByServer: Record<string, number> = {};
  let open = 0;
  for (const c of clients) {
    if (c.ws.readyState === WebSocket.OPEN) open++;
    if (c.close && !c.closedByUs) {
      const key = `${c.close.code}${c.close.reason ? ` ${c.close.reason}` : ""}`;
      closedByServer[key] = (closedByServer[key] ?? 0) + 1;
    }
  }
  const result: PresenceCounters = {
    at: now(),
    clients: clients.length,
    open,
    closedByServer,
    ...counters,
    lagP99Ms: lag.percentile(99) / 1e6,
    lagMaxMs: lag.max / 1e6,
  };
  lag.reset();
  return result;
}

function handle(request: PresenceRequest): PresenceReply | Promise<PresenceReply> {
  switch (request.cmd) {
    case "connect":
      return connect(request.clients, request.concurrency);
    case "move":
      startMoving(request.hz);
      return { ok: true };
    case "still":
      if (mover) clearInterval(mover);
      mover = null;
      return { ok: true };
    case "counters":
      return { ok: true, counters: snapshot() };
    case "edits": {
      const perEdit = new Map<string, [number, number]>();
      const latencies: number[] = [];
      for (const d of deliveries) {
        if (d.at < request.from || d.at >= request.to) continue;
        latencies.push(d.latency);
        const e = perEdit.get(d.key);
        if (e) {
          e[1]++;
          if (d.latency > e[0]) e[0] = d.latency;
        } else perEdit.set(d.key, [d.latency, 1]);
      }
      return {
        ok: true,
        edits: { latencies, perEdit: [...perEdit].map(([k, [max, n]]) => [k, max, n]) },
      };
    }
    case "exit":
      if (mover) clearInterval(mover);
      for (const c of clients) {
        c.closedByUs = true;
        c.ws.terminate();
      }
      setImmediate(() => process.exit(0));
      return { ok: true };
  }
}

lag.enable();
process.on("message", (message: { id: number; request: PresenceRequest }) => {
  Promise.resolve()
    .then(() => handle(message.request))
    .then(
      (reply) => process.send?.({ id: message.id, reply }),
      (error) =>
        process.send?.({ id: message.id, reply: { ok: false, error: String(error?.stack ?? error) } }),
    );
});
process.on("disconnect", () => process.exit(0));
process.send?.({ id: 0, reply: { ok: true } });
