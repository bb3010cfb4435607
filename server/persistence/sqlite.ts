import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ROLES, type Role } from "../../shared/protocol";
import { createSqliteBallotStore } from "../ballot-store";
import { createSqliteHistoryStore } from "../history-store";
import { createSqliteImageStore } from "../image-store";
import type { ParticipantRecord, Persistence, StoredRoom, UpdateAuthorRow, WorkshopRecord } from "./types";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  facilitator_token TEXT NOT NULL,
  team_token TEXT NOT NULL,
  citizen_token TEXT NOT NULL,
  observer_token TEXT NOT NULL
);
-- Append-only between compactions; seq is global, only its order within a room matters.
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_room_seq ON updates (room, seq);
-- Who sent each update, kept past compaction: changes holds the Yjs item ids it inserted and deleted.
CREATE TABLE IF NOT EXISTS update_authors (
  room TEXT NOT NULL,
  seq INTEGER NOT NULL,
  participant_id TEXT,
  role TEXT NOT NULL,
  changes TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS update_authors_room_seq ON update_authors (room, seq);
-- Participants who joined with a role link; token is the SHA-256 (hex) of their participant token.
CREATE TABLE IF NOT EXISTS participants (
  workshop_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  PRIMARY KEY (workshop_id, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS participants_token ON participants (workshop_id, token);
CREATE TABLE IF NOT EXISTS snapshots (
  room TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

interface WorkshopRow {
  id: string;
  title: string;
  created_at: number;
  facilitator_token: string;
  team_token: string;
  citizen_token: string;
  observer_token: string;
  published_at: number | null;
}

const tokenColumn = (role: Role) => `${role}_token` as const;

// better-sqlite3 hands out Buffers, whose pooled backing store is shared: copy into a plain Uint8Array.
const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);

export function createSqlitePersistence(dataDir: string, fileName = "ruamkid.sqlite"): Persistence {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, fileName));
  // WAL + NORMAL: each commit reaches the OS before the statement returns, so kill -9 loses nothing
  // already accepted; only a power cut can lose the last transactions.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  // Databases from before attribution: add the columns in place (SQLite has no ADD COLUMN IF NOT EXISTS).
  const updateColumns = new Set(
    db
      .prepare<[], { name: string }>("PRAGMA table_info(updates)")
      .all()
      .map((c) => c.name),
  );
  if (!updateColumns.has("role")) db.exec("ALTER TABLE updates ADD COLUMN role TEXT");
  if (!updateColumns.has("participant_id")) db.exec("ALTER TABLE updates ADD COLUMN participant_id TEXT");
  // Databases from before publishing: published_at is null while a workshop is not public.
  const workshopColumns = new Set(
    db
      .prepare<[], { name: string }>("PRAGMA table_info(workshops)")
      .all()
      .map((c) => c.name),
  );
  if (!workshopColumns.has("published_at")) db.exec("ALTER TABLE workshops ADD COLUMN published_at INTEGER");

  const insertWorkshop = db.prepare(
    `INSERT INTO workshops (id, title, created_at, ${ROLES.map(tokenColumn).join(", ")})
     VALUES (@id, @title, @created_at, @facilitator_token, @team_token, @citizen_token, @observer_token)`,
  );
  const selectWorkshop = db.prepare<[string], WorkshopRow>("SELECT * FROM workshops WHERE id = ?");
  const updateTitle = db.prepare("UPDATE workshops SET title = ? WHERE id = ?");
  const updatePublished = db.prepare("UPDATE workshops SET published_at = ? WHERE id = ?");
  const selectPublished = db.prepare<[], { id: string; title: string; published_at: number }>(
    "SELECT id, title, published_at FROM workshops WHERE published_at IS NOT NULL ORDER BY published_at DESC, id",
  );
  const selectSnapshot = db.prepare<[string], { data: Buffer }>("SELECT data FROM snapshots WHERE room = ?");
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    "SELECT seq, data FROM updates WHERE room = ? ORDER BY seq",
  );
  const insertUpdate = db.prepare(
    "INSERT INTO updates (room, data, created_at, role, participant_id) VALUES (?, ?, ?, ?, ?)",
  );
  const insertAuthor = db.prepare(
    "INSERT INTO update_authors (room, seq, participant_id, role, changes, at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const selectAuthors = db.prepare<
    [string],
    { room: string; seq: number; participant_id: string | null; role: Role; changes: string; at: number }
  >("SELECT * FROM update_authors WHERE room = ? ORDER BY seq");
  const insertParticipant = db.prepare(
    `INSERT INTO participants (workshop_id, id, name, role, token, created_at)
     VALUES (@workshopId, @id, @name, @role, @tokenHash, @createdAt)`,
  );
  const selectParticipant = db.prepare<
    [string, string],
    { workshop_id: string; id: string; name: string; role: Role; token: string; created_at: number }
  >("SELECT * FROM participants WHERE workshop_id = ? AND token = ? AND revoked_at IS NULL");
  const revokeParticipants = db.prepare(
    "UPDATE participants SET revoked_at = ? WHERE workshop_id = ? AND role = ? AND revoked_at IS NULL",
  );
  const updateToken = Object.fromEntries(
    ROLES.map((role) => [role, db.prepare(`UPDATE workshops SET ${tokenColumn(role)} = ? WHERE id = ?`)]),
  ) as Record<Role, Database.Statement>;
  const upsertSnapshot = db.prepare(
    `INSERT INTO snapshots (room, data, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (room) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const deleteUpdates = db.prepare("DELETE FROM updates WHERE room = ?");
  const countUpdates = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM updates WHERE room = ?",
  );

  const createWorkshop = db.transaction(
    (record: WorkshopRecord, initialRooms: { room: string; state: Uint8Array }[]) => {
      insertWorkshop.run({
        id: record.id,
        title: record.title,
        created_at: record.createdAt,
        facilitator_token: record.tokens.facilitator,
        team_token: record.tokens.team,
        citizen_token: record.tokens.citizen,
        observer_token: record.tokens.observer,
      });
      for (const { room, state } of initialRooms) upsertSnapshot.run(room, state, record.createdAt);
    },
  );
  type Author = Parameters<Persistence["appendUpdate"]>[2];
  const insertOne = (room: string, update: Uint8Array, author: Author, now: number) => {
    const { lastInsertRowid } = insertUpdate.run(
      room,
      update,
      now,
      author?.role ?? null,
      author?.participantId ?? null,
    );
    if (author)
      insertAuthor.run(room, lastInsertRowid, author.participantId, author.role, author.changes, now);
  };
  // Updates accepted in one event-loop turn share one transaction, written before the next turn: one
  // WAL commit per burst instead of per edit, and the broadcast no longer waits on the disk. Every read,
  // compaction and close writes the pending ones first, so nothing observes the log without them.
  let pending: { room: string; update: Uint8Array; author: Author; at: number }[] = [];
  let flushScheduled: NodeJS.Immediate | null = null;
  const writePending = db.transaction((rows: typeof pending) => {
    for (const row of rows) insertOne(row.room, row.update, row.author, row.at);
  });
  const flush = () => {
    if (flushScheduled) clearImmediate(flushScheduled);
    flushScheduled = null;
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    try {
      writePending(rows);
    } catch (error) {
      // The rooms still hold these edits in memory and their next compaction stores them; a failing
      // disk must not take the process down from a timer callback.
      console.error(`ruamkid: writing ${rows.length} update(s) failed; compaction will store them`, error);
    }
  };
  const rotate = db.transaction((workshopId: string, role: Role, token: string) => {
    const { changes } = updateToken[role].run(token, workshopId);
    if (changes !== 1) throw new Error(`no workshop ${workshopId}`);
    revokeParticipants.run(Date.now(), workshopId, role);
  });
  const compact = db.transaction((room: string, state: Uint8Array) => {
    flush();
    upsertSnapshot.run(room, state, Date.now());
    deleteUpdates.run(room);
  });

  return {
    createWorkshop: (record, initialRooms) => createWorkshop(record, initialRooms),
    getWorkshop(id) {
      const row = selectWorkshop.get(id);
      if (!row) return null;
      return {
        id: row.id,
        title: row.title,
        createdAt: row.created_at,
        tokens: {
          facilitator: row.facilitator_token,
          team: row.team_token,
          citizen: row.citizen_token,
          observer: row.observer_token,
        },
        publishedAt: row.published_at ?? null,
      };
    },
    setWorkshopTitle: (id, title) => void updateTitle.run(title, id),
    setPublished: (id, at) => updatePublished.run(at, id).changes === 1,
    listPublished: () =>
      selectPublished.all().map((row) => ({ id: row.id, title: row.title, publishedAt: row.published_at })),
    async loadRoom(room): Promise<StoredRoom> {
      flush();
      const snapshot = selectSnapshot.get(room);
      return {
        snapshot: snapshot ? bytes(snapshot.data) : null,
        updates: selectUpdates.all(room).map((row) => ({ seq: row.seq, data: bytes(row.data) })),
      };
    },
    appendUpdate(room, update, author) {
      pending.push({ room, update, author, at: Date.now() });
      flushScheduled ??= setImmediate(flush);
    },
    listUpdateAuthors: (room) => {
      flush();
      return selectAuthors.all(room).map(
        (row): UpdateAuthorRow => ({
          room: row.room,
          seq: row.seq,
          participantId: row.participant_id,
          role: row.role,
          changes: row.changes,
          at: row.at,
        }),
      );
    },
    addParticipant: (record) => void insertParticipant.run(record),
    findParticipant(workshopId, tokenHash): ParticipantRecord | null {
      const row = selectParticipant.get(workshopId, tokenHash);
      if (!row) return null;
      return {
        workshopId: row.workshop_id,
        id: row.id,
        name: row.name,
        role: row.role,
        tokenHash: row.token,
        createdAt: row.created_at,
      };
    },
    rotateRoleToken: (workshopId, role, token) => rotate(workshopId, role, token),
    compactRoom(room, state) {
      compact(room, state);
      // Give the WAL's pages back after a compaction, or the file stays at its peak size.
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    countUpdates(room) {
      flush();
      return countUpdates.get(room)?.n ?? 0;
    },
    ballots: createSqliteBallotStore(db),
    history: createSqliteHistoryStore(db),
    images: createSqliteImageStore(db),
    close() {
      if (!db.open) return;
      flush();
      db.close();
    },
  };
}
