/**
 * The coordinator side of the load processes: forks `load-worker.ts` processes, spreads clients over
 * them, runs measured phases (writers editing at a given rate, then a drain) and merges what every
 * receiver recorded.
 */
import { join } from "node:path";
import type { FleetReply, FleetRequest } from "./fleet-protocol";
import { Histogram, type Summary, summarize } from "./stats";
import { WorkerRpc } from "./worker-rpc";

const WORKER = join(import.meta.dirname, "load-worker.ts");

type LoadWorker = WorkerRpc<FleetRequest, FleetReply>;

export interface RoomSpec {
  wsUrl: string;
  /** Clients to connect now. */
  size: number;
  /** Clients the room will hold in all (expected receivers per edit is roomSize − 1); default `size`. */
  roomSize?: number;
}

export interface PhaseOptions {
  /** Client ids (gids) that edit, or every client. */
  writers: number[] | "all";
  /** Edits per second over all writers together. */
  rate: number;
  count?: number;
  durationMs?: number;
  /** Keep per-edit maxima to compute "time until every other client applied it". */
  trackEdits?: boolean;
  /** How long to wait after the last edit for deliveries to complete. */
  drainMs?: number;
}

export interface PhaseOutcome {
  sent: number;
  skipped: number;
  /** Edits per second actually issued (the load processes may fall behind the target). */
  achievedRate: number;
  expected: number;
  delivered: number;
  /** Per delivery (one receiver applying one edit). */
  delivery: Summary;
  /** Per edit: until the last receiver applied it (only edits every receiver got). */
  allReceived: Summary | null;
  incompleteEdits: number;
  /** Event-loop delay in the load processes: if high, the load generator itself was the bottleneck. */
  loadLagP99Ms: number;
  loadLagMaxMs: number;
  wallMs: number;
}

export class Fleet {
  private workers: LoadWorker[] = [];
  private gidWorker = new Map<number, number>();
  private gidRoomSize = new Map<number, number>();
  private phaseId = 0;
  /** gids of the clients of each room, in the order of `connect`'s rooms. */
  roomMembers: number[][] = [];

  static async start(processes: number): Promise<Fleet> {
    const fleet = new Fleet();
    fleet.workers = await Promise.all(
      Array.from({ length: processes }, () =>
        WorkerRpc.start<FleetRequest, FleetReply>(WORKER, "load worker"),
      ),
    );
    return fleet;
  }

  get pids(): number[] {
    return this.workers.map((w) => w.pid);
  }

  private request(index: number, request: FleetRequest, timeoutMs = 60_000): Promise<FleetReply> {
    const worker = this.workers[index];
    if (!worker) throw new Error(`no worker ${index}`);
    return worker.request(request, timeoutMs);
  }

  private all(request: FleetRequest, timeoutMs?: number): Promise<FleetReply[]> {
    return Promise.all(this.workers.map((_, i) => this.request(i, request, timeoutMs)));
  }

  /**
   * Connect `size` clients to each room, spreading every room's clients over all load processes, and
   * wait until each is synced (received step2).
   */
  async connect(
    rooms: RoomSpec[],
    options: { concurrency?: number; awareness?: boolean } = {},
  ): Promise<{ ms: number; clients: number; failed: number; errors: string[] }> {
    const perWorker: { gid: number; url: string; roomSize: number }[][] = this.workers.map(() => []);
    let gid = this.gidWorker.size;
    let w = 0;
    for (const room of rooms) {
      const members: number[] = [];
      for (let i = 0; i < room.size; i++, gid++) {
        const index = w++ % this.workers.length;
        const roomSize = room.roomSize ?? room.size;
        perWorker[index]?.push({ gid, url: room.wsUrl, roomSize });
        this.gidWorker.set(gid, index);
        this.gidRoomSize.set(gid, roomSize);
        members.push(gid);
      }
      this.roomMembers.push(members);
    }
    const started = performance.now();
    const replies = await Promise.all(
      perWorker.map((clients, i) =>
        this.request(
          i,
          {
            cmd: "connect",
            clients,
            concurrency: Math.ceil((options.concurrency ?? 32) / this.workers.length),
            awareness: options.awareness ?? true,
          },
          180_000,
        ),
      ),
    );
    return {
      ms: performance.now() - started,
      clients: gid,
      failed: replies.reduce((n, r) => n + (r.failed ?? 0), 0),
      errors: replies.flatMap((r) => r.errors ?? []),
    };
  }

  async runPhase(options: PhaseOptions): Promise<PhaseOutcome> {
    const phase = ++this.phaseId;
    const started = performance.now();
    await this.all({ cmd: "phase", phase, trackEdits: options.trackEdits ?? false });

    // Split the rate over the processes in proportion to the writers each holds.
    const writersPerWorker = this.workers.map(() => 0);
    const writerLists: (number[] | "all")[] = this.workers.map(() => []);
    if (options.writers === "all") {
      for (const index of this.gidWorker.values())
        writersPerWorker[index] = (writersPerWorker[index] ?? 0) + 1;
      writerLists.fill("all");
    } else {
      for (const gid of options.writers) {
        const index = this.gidWorker.get(gid);
        if (index === undefined) throw new Error(`unknown client ${gid}`);
        writersPerWorker[index] = (writersPerWorker[index] ?? 0) + 1;
        (writerLists[index] as number[]).push(gid);
      }
    }
    const totalWriters = writersPerWorker.reduce((a, b) => a + b, 0);
    const timeoutMs = (options.durationMs ?? ((options.count ?? 0) / options.rate) * 1000) + 60_000;
    const writeReplies = await Promise.all(
      this.workers.map((_, i) => {
        const share = (writersPerWorker[i] ?? 0) / totalWriters;
        return this.request(
          i,
          {
            cmd: "write",
            phase,
            writers: writerLists[i] as number[] | "all",
            rate: options.rate * share,
            count: options.count === undefined ? null : Math.round(options.count * share),
            durationMs: options.durationMs ?? null,
          },
          timeoutMs,
        );
      }),
    );
    const sent = writeReplies.reduce((n, r) => n + (r.sent ?? 0), 0);
    const skipped = writeReplies.reduce((n, r) => n + (r.skipped ?? 0), 0);
    const expected = writeReplies.reduce((n, r) => n + (r.expectedDeliveries ?? 0), 0);
    const writeMs = Math.max(...writeReplies.map((r) => r.ms ?? 0));

    const drainUntil = performance.now() + (options.drainMs ?? 3000);
    while (performance.now() < drainUntil) {
      const progress = await this.all({ cmd: "progress", phase });
      if (progress.reduce((n, r) => n + (r.delivered ?? 0), 0) >= expected) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const collected = await this.all({ cmd: "collect", phase });
    const hist = new Histogram();
    let delivered = 0;
    const perEdit = new Map<string, { max: number; count: number }>();
    for (const reply of collected) {
      const result = reply.result;
      if (!result) continue;
      hist.merge(result.hist);
      delivered += result.delivered;
      for (const [key, max, count] of result.perEdit) {
        const entry = perEdit.get(key);
        if (entry) {
          entry.count += count;
          if (max > entry.max) entry.max = max;
        } else perEdit.set(key, { max, count });
      }
    }
    let allReceived: Summary | null = null;
    let incompleteEdits = 0;
    if (options.trackEdits) {
      const complete: number[] = [];
      // Edits no receiver got at all never appear in perEdit: count them from `sent`.
      let seen = 0;
      for (const [key, { max, count }] of perEdit) {
        seen++;
        const gid = Number(key.split(":")[1]);
        if (count >= (this.gidRoomSize.get(gid) ?? 0) - 1) complete.push(max);
        else incompleteEdits++;
      }
      incompleteEdits += Math.max(0, sent - skipped - seen);
      allReceived = summarize(complete);
    }
    const results = collected.flatMap((r) => (r.result ? [r.result] : []));
    return {
      sent,
      skipped,
      achievedRate: writeMs > 0 ? ((sent - skipped) / writeMs) * 1000 : 0,
      expected,
      delivered,
      delivery: hist.summary(),
      allReceived,
      incompleteEdits,
      loadLagP99Ms: Math.max(0, ...results.map((r) => r.lagP99Ms)),
      loadLagMaxMs: Math.max(0, ...results.map((r) => r.lagMaxMs)),
      wallMs: performance.now() - started,
    };
  }

  /** Clients still open, and how many the server closed (by close code). */
  async status(): Promise<{
    clients: number;
    open: number;
    closedByServer: Record<string, number>;
    authDenied: number;
    decodeErrors: number;
    messagesIn: number;
    lastErrors: string[];
  }> {
    const replies = await this.all({ cmd: "status" });
    const closedByServer: Record<string, number> = {};
    for (const r of replies) {
      for (const [code, n] of Object.entries(r.closedByServer ?? {})) {
        closedByServer[code] = (closedByServer[code] ?? 0) + n;
      }
    }
    return {
      clients: replies.reduce((n, r) => n + (r.clients ?? 0), 0),
      open: replies.reduce((n, r) => n + (r.open ?? 0), 0),
      closedByServer,
      authDenied: replies.reduce((n, r) => n + (r.authDenied ?? 0), 0),
      decodeErrors: replies.reduce((n, r) => n + (r.decodeErrors ?? 0), 0),
      messagesIn: replies.reduce((n, r) => n + (r.messagesIn ?? 0), 0),
      lastErrors: replies.flatMap((r) => r.lastErrors ?? []).slice(0, 5),
    };
  }

  /**
   * Wait until the clients have stopped receiving (the join's awareness storm is over: the reference
   * server relays every join to every socket, O(N²) messages the load processes need seconds to apply),
   * so that later phases measure the steady state. Returns how long it took.
   */
  async settle(options: { quietPerSecond?: number; timeoutMs?: number } = {}): Promise<number> {
    const started = performance.now();
    const interval = 250;
    let last = (await this.status()).messagesIn;
    while (performance.now() - started < (options.timeoutMs ?? 20_000)) {
      await new Promise((r) => setTimeout(r, interval));
      const now = (await this.status()).messagesIn;
      if (((now - last) * 1000) / interval <= (options.quietPerSecond ?? 50)) break;
      last = now;
    }
    return performance.now() - started;
  }

  /** Close every client (the processes stay up for the next scenario). */
  async closeClients(): Promise<void> {
    await this.all({ cmd: "close" }, 30_000);
    this.gidWorker.clear();
    this.gidRoomSize.clear();
    this.roomMembers = [];
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop({ cmd: "exit" }, 5000)));
    this.workers = [];
  }
}
