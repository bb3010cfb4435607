import type { Role } from "../../shared/protocol";
import type { BallotStore } from "../ballot-store";
import type { HistoryStore } from "../history-store";
import type { ImageStore } from "../image-store";

export interface WorkshopRecord {
  id: string;
  title: string;
  createdAt: number;
  tokens: Record<Role, string>;
  /** When the facilitator published the workshop (public page and open data), null while unpublished. */
  publishedAt?: number | null;
}

/** A published workshop as `GET /api/public/workshops` lists it. */
export interface PublishedWorkshop {
  id: string;
  title: string;
  publishedAt: number;
}

/** A participant who joined through `POST /api/workshops/:id/join`. */
export interface ParticipantRecord {
  workshopId: string;
  id: string;
  name: string;
  role: Role;
  /** SHA-256 (hex) of the participant token: the token itself is never stored. */
  tokenHash: string;
  createdAt: number;
}

/** Who sent an update; attached to the log row and kept in `update_authors` past compaction. */
export interface UpdateAuthor {
  role: Role;
  participantId: string | null;
  /**
   * JSON of the Yjs ids the update inserted and deleted: `{"i":{"<client>":[from,to]},"d":{"<client>":[[clock,len],…]}}`.
   * Item ids survive compaction, so a history view can attribute every item of the document to its author.
   */
  changes: string;
}

export interface UpdateAuthorRow extends UpdateAuthor {
  room: string;
  seq: number;
  at: number;
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
  /** Publishes (a time) or unpublishes (null) a workshop; false when there is no such workshop. */
  setPublished(id: string, at: number | null): boolean;
  /** Published workshops, most recently published first. */
  listPublished(): PublishedWorkshop[];
  loadRoom(room: string): Promise<StoredRoom>;
  /**
   * Appends to the log, durably before the next event-loop turn (SQLite batches a turn into one commit);
   * with an author, also records it (with the update's item ids) in `update_authors`.
   */
  appendUpdate(room: string, update: Uint8Array, author?: UpdateAuthor): void;
  /** Attribution rows of a room, oldest first; they outlive compaction. */
  listUpdateAuthors(room: string): UpdateAuthorRow[];
  addParticipant(record: ParticipantRecord): void;
  /** The live (not revoked) participant of a workshop with this token hash, or null. */
  findParticipant(workshopId: string, tokenHash: string): ParticipantRecord | null;
  /** Replaces one role's token and revokes every participant who joined with that role, atomically. */
  rotateRoleToken(workshopId: string, role: Role, token: string): void;
  /** Replaces the room's snapshot with `state` and empties its update log, atomically. */
  compactRoom(room: string, state: Uint8Array): void;
  countUpdates(room: string): number;
  /** Secret dot-vote ballots (facilitation toolkit); the API keeps them in memory when absent. */
  readonly ballots?: BallotStore;
  /** Workshop history snapshots (never deleted); the history API keeps them in memory when absent. */
  readonly history?: HistoryStore;
  /** Uploaded images (prototype storyboards); the image API keeps them in memory when absent. */
  readonly images?: ImageStore;
  close(): void;
}
