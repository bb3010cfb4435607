import type { Role } from "../../shared/protocol";

export interface WorkshopRecord {
  id: string;
  title: string;
  createdAt: number;
  tokens: Record<Role, string>;
}

export interface StoredRoom {
  /** The last compaction's `Y.encodeStateAsUpdate`, or null before the first one. */
  snapshot: Uint8Array | null;
  /** Updates accepted since that snapshot, oldest first. */
  updates: { seq: number; data: Uint8Array }[];
}

/**
 * Writes are synchronous on purpose: an update is on disk before the next message is handled, so
 * there is never a save pending when a room unloads or the process stops. Loads are asynchronous so a
 * slower backend fits behind the same interface; the room manager deduplicates concurrent loads.
 */
export interface Persistence {
  /** Stores the workshop and its initial control-document state in one transaction. */
  createWorkshop(record: WorkshopRecord, initialRooms: { room: string; state: Uint8Array }[]): void;
  getWorkshop(id: string): WorkshopRecord | null;
  /** Keeps the title the session endpoint answers with in step with renames in the control document. */
  setWorkshopTitle(id: string, title: string): void;
  loadRoom(room: string): Promise<StoredRoom>;
  appendUpdate(room: string, update: Uint8Array): void;
  /** Replaces the room's snapshot with `state` and empties its update log, atomically. */
  compactRoom(room: string, state: Uint8Array): void;
  countUpdates(room: string): number;
  close(): void;
}
