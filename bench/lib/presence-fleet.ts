/**
 * Coordinator side of the presence load processes (bench/lib/presence-worker.ts). A fresh set of
 * processes per session: a flooded session can leave a process minutes behind on its socket backlog, so
 * it is killed rather than reused.
 */
import { join } from "node:path";
import type {
  PresenceClientSpec,
  PresenceCounters,
  PresenceEdits,
  PresenceReply,
  PresenceRequest,
} from "./presence-protocol";
import { WorkerRpc } from "./worker-rpc";

const WORKER = join(import.meta.dirname, "presence-worker.ts");

type Worker = WorkerRpc<PresenceRequest, PresenceReply>;

export class PresenceFleet {
  private workers: Worker[] = [];

  static async start(processes: number): Promise<PresenceFleet> {
    const fleet = new PresenceFleet();
    fleet.workers = await Promise.all(
      Array.from({ length: processes }, () =>
        WorkerRpc.start<PresenceRequest, PresenceReply>(WORKER, "presence worker"),
      ),
    );
    return fleet;
  }

  get pids(): number[] {
    return this.workers.map((w) => w.pid);
  }

  private all(request: PresenceRequest, timeoutMs = 20_000): Promise<PresenceReply[]> {
    return Promise.all(this.workers.map((w) => w.request(request, timeoutMs)));
  }

  /** Spread the clients round-robin over the processes and wait until each got sync step 2. */
  async connect(
    specs: PresenceClientSpec[],
    concurrency = 32,
  ): Promise<{ ms: number; failed: number; errors: string[] }> {
    const per: PresenceClientSpec[][] = this.workers.map(() => []);
    for (const [i, spec] of specs.entries()) per[i % per.length]?.push(spec);
    const started = performance.now();
    const replies = await Promise.all(
      this.workers.map((w, i) =>
        w.request(
          {
            cmd: "connect",
            clients: per[i] as PresenceClientSpec[],
            concurrency: Math.ceil(concurrency / this.workers.length),
          },
          120_000,
        ),
      ),
    );
    return {
      ms: performance.now() - started,
      failed: replies.reduce((n, r) => n + (r.failed ?? 0), 0),
      errors: replies.flatMap((r) => r.errors ?? []),
    };
  }

  async move(hz: number): Promise<void> {
    await this.all({ cmd: "move", hz });
  }

  async still(): Promise<void> {
    await this.all({ cmd: "still" });
  }

  async counters(timeoutMs?: number): Promise<PresenceCounters[]> {
    return (await this.all({ cmd: "counters" }, timeoutMs)).map((r) => r.counters as PresenceCounters);
  }

  async edits(from: number, to: number): Promise<PresenceEdits> {
    const replies = await this.all({ cmd: "edits", from, to }, 30_000);
    const latencies: number[] = [];
    const perEdit = new Map<string, [number, number]>();
    for (const r of replies) {
      if (!r.edits) continue;
      for (const l of r.edits.latencies) latencies.push(l);
      for (const [key, max, n] of r.edits.perEdit) {
        const e = perEdit.get(key);
        if (e) {
          e[1] += n;
          if (max > e[0]) e[0] = max;
        } else perEdit.set(key, [max, n]);
      }
    }
    return { latencies, perEdit: [...perEdit].map(([k, [max, n]]) => [k, max, n]) };
  }

  /** Ask every process to exit; kill what has not exited after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop({ cmd: "exit" }, graceMs)));
    this.workers = [];
  }
}

/** Sum of counters over the processes; rates use each process's own timestamps. */
export function diffCounters(before: PresenceCounters[], after: PresenceCounters[]) {
  const sum = (pick: (c: PresenceCounters) => number) => {
    let perSecond = 0;
    let total = 0;
    after.forEach((a, i) => {
      const b = before[i] as PresenceCounters;
      const d = pick(a) - pick(b);
      total += d;
      perSecond += (d * 1000) / Math.max(1, a.at - b.at);
    });
    return { total, perSecond };
  };
  return {
    msgsIn: sum((c) => c.msgsIn),
    bytesIn: sum((c) => c.bytesIn),
    awarenessMsgsIn: sum((c) => c.awarenessMsgsIn),
    awarenessBytesIn: sum((c) => c.awarenessBytesIn),
    syncBytesIn: sum((c) => c.syncBytesIn),
    moves: sum((c) => c.moves),
    movesSkipped: sum((c) => c.movesSkipped),
    echoMsgs: sum((c) => c.echoMsgs),
    echoEntries: sum((c) => c.echoEntries),
    bytesOut: sum((c) => c.bytesOut),
    lagP99Ms: Math.max(0, ...after.map((c) => c.lagP99Ms)),
    lagMaxMs: Math.max(0, ...after.map((c) => c.lagMaxMs)),
  };
}
