/** IPC messages between the coordinator (fleet.ts) and the load processes (load-worker.ts). */
import type { HistogramData } from "./stats";

export type FleetRequest =
  | {
      cmd: "connect";
      clients: { gid: number; url: string; roomSize: number }[];
      concurrency: number;
      awareness: boolean;
    }
  | { cmd: "phase"; phase: number; trackEdits: boolean }
  | {
      cmd: "write";
      phase: number;
      writers: number[] | "all";
      /** Edits per second from this process. */
      rate: number;
      count: number | null;
      durationMs: number | null;
    }
  | { cmd: "progress"; phase: number }
  | { cmd: "collect"; phase: number }
  | { cmd: "status" }
  | { cmd: "close" }
  | { cmd: "exit" };

export interface PhaseResult {
  hist: HistogramData;
  delivered: number;
  /** [edit key, max latency over this process's receivers, receiver count]. */
  perEdit: [string, number, number][];
  lagP99Ms: number;
  lagMaxMs: number;
}

export interface FleetReply {
  ok: boolean;
  error?: string;
  ready?: boolean;
  ms?: number;
  failed?: number;
  errors?: string[];
  sent?: number;
  skipped?: number;
  expectedDeliveries?: number;
  delivered?: number;
  result?: PhaseResult;
  clients?: number;
  open?: number;
  closedByServer?: Record<string, number>;
  authDenied?: number;
  decodeErrors?: number;
  bytesIn?: number;
  messagesIn?: number;
  late?: number;
  lastErrors?: string[];
}
