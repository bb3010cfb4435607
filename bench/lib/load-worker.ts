/**
 * A load process: holds many `SyncClient`s and does what the coordinator (bench/lib/fleet.ts) tells it
 * over IPC. Edits are `bench` map keys `<phase>:<client>:<seq>` whose value is the send time
 * (`performance.timeOrigin + performance.now()`, comparable across processes on one machine); every
 * receiver records now − value when the remote update is applied to its own Y.Doc.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type * as Y from "yjs";
import { SyncClient } from "./client";
import type { FleetReply, FleetRequest, PhaseResult } from "./fleet-protocol";
import { Histogram } from "./stats";

const now = () => performance.timeOrigin + performance.now();

interface Member {
  gid: number;
  roomSize: number;
  client: SyncClient;
  seq: number;
}

const members: Member[] = [];
const byGid = new Map<number, Member>();

interface Phase {
  id: number;
  hist: Histogram;
  perEdit: Map<string, { max: number; count: number }> | null;
  delivered: number;
}

let phase: Phase | null = null;
let late = 0;
const lag = monitorEventLoopDelay({ resolution: 10 });

function observe(member: Member): void {
  const map = member.client.doc.getMap<number>("bench");
  map.observe((event: Y.YMapEvent<number>) => {
    if (event.transaction.origin !== member.client) return;
    const at = now();
    for (const key of event.keysChanged) {
      const sentAt = map.get(key);
      if (typeof sentAt !== "number") continue;
      const phaseId = Number(key.slice(0, key.indexOf(":")));
      if (!phase || phase.id !== phaseId) {
        late++;
        continue;
      }
      const latency = at - sentAt;
      phase.hist.record(latency);
      phase.delivered++;
      if (phase.perEdit) {
        const entry = phase.perEdit.get(key);
        if (entry) {
          entry.count++;
          if (latency > entry.max) entry.max = latency;
        } else phase.perEdit.set(key, { max: latency, count: 1 });
      }
    }
  });
}

async function connect(
  clients: { gid: number; url: string; roomSize: number }[],
  concurrency: number,
  awareness: boolean,
): Promise<FleetReply> {
  const started = now();
  const errors: string[] = [];
  let next = 0;
  const one = async () => {
    while (next < clients.length) {
      const spec = clients[next++];
      if (!spec) break;
      const client = new SyncClient(spec.url, {
        awarenessState: awareness
          ? {
              user: { id: `bench-${spec.gid}`, name: `Bench ${spec.gid}`, color: "#166534", role: "team" },
              stage: "empathize",
              cursor: null,
            }
          : null,
      });
      const member: Member = { gid: spec.gid, roomSize: spec.roomSize, client, seq: 0 };
      members.push(member);
      byGid.set(spec.gid, member);
      observe(member);
      try {
        await client.synced;
      } catch (error) {
        errors.push(`client ${spec.gid}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, one));
  return { ok: true, ms: now() - started, failed: errors.length, errors: errors.slice(0, 5) };
}

function write(
  phaseId: number,
  writerGids: number[] | "all",
  rate: number,
  count: number | null,
  durationMs: number | null,
): Promise<FleetReply> {
  const writers = writerGids === "all" ? members : writerGids.flatMap((gid) => byGid.get(gid) ?? []);
  return new Promise((resolve) => {
    if (writers.length === 0 || rate <= 0) {
      resolve({ ok: true, sent: 0, expectedDeliveries: 0, ms: 0, skipped: 0 });
      return;
    }
    const start = now();
    let sent = 0;
    let skipped = 0;
    let expectedDeliveries = 0;
    let cursor = Math.floor(Math.random() * writers.length);
    const tick = () => {
      const elapsed = now() - start;
      const finished = (count !== null && sent >= count) || (durationMs !== null && elapsed >= durationMs);
      if (finished) {
        resolve({ ok: true, sent, expectedDeliveries, ms: elapsed, skipped });
        return;
      }
      let due = Math.floor((rate * elapsed) / 1000) + 1 - sent;
      if (count !== null) due = Math.min(due, count - sent);
      for (let i = 0; i < due; i++) {
        const writer = writers[cursor++ % writers.length] as Member;
        if (!writer.client.open) {
          skipped++;
          sent++;
          continue;
        }
        const key = `${phaseId}:${writer.gid}:${writer.seq++}`;
        writer.client.doc.getMap<number>("bench").set(key, now());
        sent++;
        expectedDeliveries += writer.roomSize - 1;
      }
      setTimeout(tick, 2);
    };
    tick();
  });
}

function status(): FleetReply {
  const closedByServer: Record<string, number> = {};
  let open = 0;
  let authDenied = 0;
  let decodeErrors = 0;
  let bytesIn = 0;
  let messagesIn = 0;
  const lastErrors: string[] = [];
  for (const { client } of members) {
    if (client.open) open++;
    const info = client.closeInfo;
    if (info && !info.closedByUs) {
      const key = `${info.code}${info.reason ? ` ${info.reason}` : ""}`;
      closedByServer[key] = (closedByServer[key] ?? 0) + 1;
    }
    authDenied += client.counters.authDenied;
    decodeErrors += client.counters.decodeErrors;
    bytesIn += client.counters.bytesIn;
    messagesIn += client.counters.messagesIn;
    if (client.lastError && lastErrors.length < 3) lastErrors.push(client.lastError);
  }
  return {
    ok: true,
    clients: members.length,
    open,
    closedByServer,
    authDenied,
    decodeErrors,
    bytesIn,
    messagesIn,
    late,
    lastErrors,
  };
}

async function closeAll(): Promise<FleetReply> {
  const closed = members.map(
    ({ client }) =>
      new Promise<void>((resolve) => {
        if (client.closeInfo) return resolve();
        client.ws.once("close", () => resolve());
        client.close();
        setTimeout(() => {
          client.terminate();
          resolve();
        }, 2000).unref();
      }),
  );
  await Promise.all(closed);
  members.length = 0;
  byGid.clear();
  phase = null;
  late = 0;
  return { ok: true };
}

async function handle(request: FleetRequest): Promise<FleetReply> {
  switch (request.cmd) {
    case "connect":
      return connect(request.clients, request.concurrency, request.awareness);
    case "phase":
      phase = {
        id: request.phase,
        hist: new Histogram(),
        perEdit: request.trackEdits ? new Map() : null,
        delivered: 0,
      };
      lag.reset();
      return { ok: true };
    case "write":
      return write(request.phase, request.writers, request.rate, request.count, request.durationMs);
    case "progress":
      return { ok: true, delivered: phase?.id === request.phase ? phase.delivered : 0 };
    case "collect": {
      const current = phase?.id === request.phase ? phase : null;
      const result: PhaseResult = {
        hist: (current?.hist ?? new Histogram()).toJSON(),
        delivered: current?.delivered ?? 0,
        perEdit: current?.perEdit ? [...current.perEdit].map(([key, v]) => [key, v.max, v.count]) : [],
        lagP99Ms: lag.percentile(99) / 1e6,
        lagMaxMs: lag.max / 1e6,
      };
      phase = null;
      return { ok: true, result };
    }
    case "status":
      return status();
    case "close":
      return closeAll();
    case "exit":
      setImmediate(() => process.exit(0));
      return { ok: true };
  }
}

lag.enable();
process.on("message", (message: { id: number; request: FleetRequest }) => {
  handle(message.request).then(
    (reply) => process.send?.({ id: message.id, reply }),
    (error) => process.send?.({ id: message.id, reply: { ok: false, error: String(error?.stack ?? error) } }),
  );
});
// Never outlive the coordinator.
process.on("disconnect", () => process.exit(0));
process.send?.({ id: 0, reply: { ok: true, ready: true } });
