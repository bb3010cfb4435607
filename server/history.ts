import * as Y from "yjs";
import {
  countPicture,
  decodeDoc,
  describeSummary,
  type HistoryEntry,
  type HistorySummary,
  pictureContent,
  readControlState,
  type SnapshotReason,
  summarizeChanges,
} from "../shared/history";
import type { WorkshopId } from "../shared/ids";
import { getMeta } from "../shared/model";
import { contentRoom, controlRoom } from "../shared/protocol";
import { isStage } from "../shared/validate";
import type { HistoryStore, SnapshotInfo } from "./history-store";
import type { Logger } from "./log";
import type { RoomInfo, RoomManager, RoomWatcher } from "./rooms";

/** Default time between snapshots while a workshop is active. */
export const DEFAULT_HISTORY_INTERVAL_MS = 5 * 60_000;

export interface HistoryRecorderOptions {
  store: HistoryStore;
  rooms: RoomManager;
  logger?: Logger | undefined;
  /** A periodic snapshot follows this long after the first change since the last snapshot. */
  intervalMs?: number | undefined;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** The REST shape of a stored snapshot. */
export function toEntry(row: SnapshotInfo): HistoryEntry {
  const parsed = JSON.parse(row.summary) as { summary: HistorySummary; counts: HistoryEntry["counts"] };
  return {
    id: row.id,
    at: row.at,
    reason: row.reason,
    stage: isStage(row.stage) ? row.stage : "empathize",
    summary: parsed.summary,
    summaryText: describeSummary(parsed.summary),
    counts: parsed.counts,
  };
}

/**
 * Keeps the workshop history: watches the rooms, snapshots both documents of a workshop when its current
 * stage changes and a few minutes into every stretch of activity, and on request (before a restore).
 * Snapshots are appended, never replaced or deleted. Captures of one workshop run one after another.
 */
export class HistoryRecorder implements RoomWatcher {
  readonly store: HistoryStore;
  private readonly rooms: RoomManager;
  private readonly logger: Logger | undefined;
  private readonly intervalMs: number;
  private readonly stages = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(options: HistoryRecorderOptions) {
    this.store = options.store;
    this.rooms = options.rooms;
    this.logger = options.logger;
    this.intervalMs = options.intervalMs ?? DEFAULT_HISTORY_INTERVAL_MS;
  }

  opened(room: RoomInfo, doc: Y.Doc): void {
    if (room.kind === "control") this.stages.set(room.workshopId, getMeta(doc).currentStage);
  }

  updated(room: RoomInfo, doc: Y.Doc): void {
    if (room.kind === "control") {
      const stage = getMeta(doc).currentStage;
      const before = this.stages.get(room.workshopId);
      this.stages.set(room.workshopId, stage);
      if (before !== undefined && before !== stage) {
        this.capture(room.workshopId, "stage").catch(() => {});
        return;
      }
    }
    this.schedule(room.workshopId);
  }

  private schedule(workshopId: string): void {
    if (this.timers.has(workshopId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(workshopId);
      this.capture(workshopId, "periodic").catch(() => {});
    }, this.intervalMs);
    timer.unref();
    this.timers.set(workshopId, timer);
  }

  /**
   * Snapshots the workshop's two documents now (loading them when nobody is in them). A periodic capture
   * that finds nothing changed since the last snapshot stores nothing and answers null.
   */
  capture(workshopId: string, reason: SnapshotReason): Promise<HistoryEntry | null> {
    const pending = this.timers.get(workshopId);
    if (pending && reason !== "restore") {
      clearTimeout(pending);
      this.timers.delete(workshopId);
    }
    const next = (this.chains.get(workshopId) ?? Promise.resolve())
      .catch(() => {})
      .then(() => this.take(workshopId, reason));
    this.chains.set(workshopId, next);
    const forget = () => {
      if (this.chains.get(workshopId) === next) this.chains.delete(workshopId);
    };
    next.then(forget, forget);
    return next.catch((error) => {
      this.logger?.warn(`workshop ${workshopId}: ${reason} snapshot failed: ${String(error)}`);
      throw error;
    });
  }

  private async take(workshopId: string, reason: SnapshotReason): Promise<HistoryEntry | null> {
    const id = workshopId as WorkshopId;
    const encode = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);
    const content = await this.rooms.change(contentRoom(id), encode);
    const control = await this.rooms.change(controlRoom(id), encode);
    const previous = this.store.latest(workshopId);
    if (
      reason === "periodic" &&
      previous &&
      sameBytes(previous.content, content) &&
      sameBytes(previous.control, control)
    )
      return null;
    const now = decodeDoc(content);
    const before = previous ? decodeDoc(previous.content) : null;
    const controlDoc = decodeDoc(control);
    try {
      const summary = summarizeChanges(before, now);
      const counts = countPicture(pictureContent(now));
      const info = {
        workshopId,
        at: Date.now(),
        reason,
        stage: readControlState(controlDoc).stage,
        summary: JSON.stringify({ summary, counts }),
      };
      const snapshotId = this.store.add({ ...info, content, control });
      this.logger?.info(`workshop ${workshopId}: ${reason} snapshot ${snapshotId}`);
      return toEntry({ ...info, id: snapshotId });
    } finally {
      now.destroy();
      before?.destroy();
      controlDoc.destroy();
    }
  }

  /** Stops the periodic timers (the server is closing). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
