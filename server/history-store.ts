import type Database from "better-sqlite3";
import type { SnapshotReason } from "../shared/history";

/** One stored snapshot of a workshop's two documents (history; never deleted). */
export interface StoredSnapshot {
  id: number;
  workshopId: string;
  at: number;
  reason: SnapshotReason;
  stage: string;
  /** `Y.encodeStateAsUpdate` of the content and control documents. */
  content: Uint8Array;
  control: Uint8Array;
  /** JSON: the summary against the snapshot before it, and the counts (see `HistoryEntry`). */
  summary: string;
}

export type NewSnapshot = Omit<StoredSnapshot, "id">;

/** Snapshot metadata without the document bytes (for listing). */
export type SnapshotInfo = Omit<StoredSnapshot, "content" | "control">;

export interface HistoryStore {
  add(snapshot: NewSnapshot): number;
  /** Newest first, without the document bytes. */
  list(workshopId: string): SnapshotInfo[];
  get(workshopId: string, id: number): StoredSnapshot | null;
  /** The newest snapshot of a workshop, with its bytes. */
  latest(workshopId: string): StoredSnapshot | null;
}

const info = ({ content: _c, control: _k, ...rest }: StoredSnapshot): SnapshotInfo => rest;

export function createMemoryHistoryStore(): HistoryStore {
  const rows: StoredSnapshot[] = [];
  const copy = (s: StoredSnapshot): StoredSnapshot => ({
    ...s,
    content: s.content.slice(),
    control: s.control.slice(),
  });
  return {
    add(snapshot) {
      const id = rows.length + 1;
      rows.push(copy({ ...snapshot, id }));
      return id;
    },
    list: (workshopId) =>
      rows
        .filter((r) => r.workshopId === workshopId)
        .map(info)
        .reverse(),
    get(workshopId, id) {
      const row = rows[id - 1];
      return row && row.workshopId === workshopId ? copy(row) : null;
    },
    latest(workshopId) {
      for (let i = rows.length - 1; i >= 0; i--) {
        const row = rows[i];
        if (row?.workshopId === workshopId) return copy(row);
      }
      return null;
    },
  };
}

const SCHEMA = `
-- Workshop history: both documents at a stage change, every few minutes of activity, before a restore.
CREATE TABLE IF NOT EXISTS history_snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workshop_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  stage TEXT NOT NULL,
  content BLOB NOT NULL,
  control BLOB NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_snapshots_workshop ON history_snapshots (workshop_id, id);
`;

interface Row {
  id: number;
  workshop_id: string;
  at: number;
  reason: SnapshotReason;
  stage: string;
  summary: string;
}
interface FullRow extends Row {
  content: Buffer;
  control: Buffer;
}

const fromRow = (row: Row): SnapshotInfo => ({
  id: row.id,
  workshopId: row.workshop_id,
  at: row.at,
  reason: row.reason,
  stage: row.stage,
  summary: row.summary,
});
const fromFullRow = (row: FullRow): StoredSnapshot => ({
  ...fromRow(row),
  content: new Uint8Array(row.content),
  control: new Uint8Array(row.control),
});

export function createSqliteHistoryStore(db: Database.Database): HistoryStore {
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO history_snapshots (workshop_id, at, reason, stage, content, control, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectList = db.prepare<[string], Row>(
    "SELECT id, workshop_id, at, reason, stage, summary FROM history_snapshots WHERE workshop_id = ? ORDER BY id DESC",
  );
  const selectOne = db.prepare<[string, number], FullRow>(
    "SELECT * FROM history_snapshots WHERE workshop_id = ? AND id = ?",
  );
  const selectLatest = db.prepare<[string], FullRow>(
    "SELECT * FROM history_snapshots WHERE workshop_id = ? ORDER BY id DESC LIMIT 1",
  );
  return {
    add: (s) =>
      Number(
        insert.run(s.workshopId, s.at, s.reason, s.stage, s.content, s.control, s.summary).lastInsertRowid,
      ),
    list: (workshopId) => selectList.all(workshopId).map(fromRow),
    get(workshopId, id) {
      const row = selectOne.get(workshopId, id);
      return row ? fromFullRow(row) : null;
    },
    latest(workshopId) {
      const row = selectLatest.get(workshopId);
      return row ? fromFullRow(row) : null;
    },
  };
}
