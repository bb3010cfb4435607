import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ROLES, type Role } from "../../shared/protocol";
import type { Persistence, StoredRoom, WorkshopRecord } from "./types";

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

  const insertWorkshop = db.prepare(
    `INSERT INTO workshops (id, title, created_at, ${ROLES.map(tokenColumn).join(", ")})
     VALUES (@id, @title, @created_at, @facilitator_token, @team_token, @citizen_token, @observer_token)`,
  );
  const selectWorkshop = db.prepare<[string], WorkshopRow>("SELECT * FROM workshops WHERE id = ?");
  const updateTitle = db.prepare("UPDATE workshops SET title = ? WHERE id = ?");
  const selectSnapshot = db.prepare<[string], { data: Buffer }>("SELECT data FROM snapshots WHERE room = ?");
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    "SELECT seq, data FROM updates WHERE room = ? ORDER BY seq",
  );
  const insertUpdate = db.prepare("INSERT INTO updates (room, data, created_at) VALUES (?, ?, ?)");
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
  const compact = db.transaction((room: string, state: Uint8Array) => {
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
      };
    },
    setWorkshopTitle: (id, title) => void updateTitle.run(title, id),
    async loadRoom(room): Promise<StoredRoom> {
      const snapshot = selectSnapshot.get(room);
      return {
        snapshot: snapshot ? bytes(snapshot.data) : null,
        updates: selectUpdates.all(room).map((row) => ({ seq: row.seq, data: bytes(row.data) })),
      };
    },
    appendUpdate: (room, update) => void insertUpdate.run(room, update, Date.now()),
    compactRoom: (room, state) => compact(room, state),
    countUpdates: (room) => countUpdates.get(room)?.n ?? 0,
    close() {
      if (db.open) db.close();
    },
  };
}
