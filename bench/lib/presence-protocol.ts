/** IPC between the presence benchmark's coordinator (bench/presence.ts) and bench/lib/presence-worker.ts. */

export interface PresenceClientSpec {
  gid: number;
  url: string;
  stage: string;
  /**
   * "own": publish only the client's own state (client/sync/provider.ts `WorkshopProvider`);
   * "stock": like the stock y-websocket provider, send back every remote awareness entry that was newer
   * than what the client had (one message per awareness message received that changed anything).
   */
  mode: "own" | "stock";
}

export type PresenceRequest =
  | { cmd: "connect"; clients: PresenceClientSpec[]; concurrency: number }
  /** Start moving every cursor at `hz` moves per second per client. */
  | { cmd: "move"; hz: number }
  /** Stop moving cursors (echoes of a stock client still go out). */
  | { cmd: "still" }
  /** Cumulative counters now. */
  | { cmd: "counters" }
  /** Edit deliveries whose send time is in [from, to). */
  | { cmd: "edits"; from: number; to: number }
  | { cmd: "exit" };

export interface PresenceCounters {
  /** Wall clock (performance.timeOrigin + now) when the counters were read. */
  at: number;
  clients: number;
  open: number;
  closedByServer: Record<string, number>;
  /** Everything received (websocket message payloads), all types. */
  msgsIn: number;
  bytesIn: number;
  awarenessMsgsIn: number;
  awarenessBytesIn: number;
  syncMsgsIn: number;
  syncBytesIn: number;
  /** Cursor moves sent, and moves that were due but skipped because the process fell behind. */
  moves: number;
  movesSkipped: number;
  /** Stock-provider echoes sent (messages, entries, bytes). */
  echoMsgs: number;
  echoEntries: number;
  bytesOut: number;
  decodeErrors: number;
  /** Event-loop delay of this load process since the previous `counters` (ms). */
  lagP99Ms: number;
  lagMaxMs: number;
}

export interface PresenceEdits {
  /** One receive latency (ms) per delivery (receiver × edit). */
  latencies: number[];
  /** Edit key → [max latency, receivers that got it]. */
  perEdit: [string, number, number][];
}

export interface PresenceReply {
  ok: boolean;
  error?: string;
  ms?: number;
  failed?: number;
  errors?: string[];
  counters?: PresenceCounters;
  edits?: PresenceEdits;
}
