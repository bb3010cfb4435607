import { createMemoryBallotStore } from "../ballot-store";
import { createMemoryHistoryStore } from "../history-store";
import { createMemoryImageStore } from "../image-store";
import type { ParticipantRecord, Persistence, StoredRoom, UpdateAuthorRow, WorkshopRecord } from "./types";

/** For tests and throwaway demos: same contract as SQLite, gone when the process exits. */
export function createMemoryPersistence(): Persistence {
  const workshops = new Map<string, WorkshopRecord>();
  const snapshots = new Map<string, Uint8Array>();
  const logs = new Map<string, { seq: number; data: Uint8Array }[]>();
  const authors = new Map<string, UpdateAuthorRow[]>();
  const participants = new Map<string, ParticipantRecord & { revoked: boolean }>();
  let seq = 0;

  const copyRecord = (record: WorkshopRecord): WorkshopRecord => ({
    ...record,
    tokens: { ...record.tokens },
  });

  return {
    createWorkshop(record, initialRooms) {
      if (workshops.has(record.id)) throw new Error(`workshop ${record.id} exists`);
      workshops.set(record.id, copyRecord(record));
      for (const { room, state } of initialRooms) snapshots.set(room, state.slice());
    },
    getWorkshop: (id) => {
      const record = workshops.get(id);
      return record ? copyRecord(record) : null;
    },
    setWorkshopTitle(id, title) {
      const record = workshops.get(id);
      if (record) record.title = title;
    },
    setPublished(id, at) {
      const record = workshops.get(id);
      if (!record) return false;
      record.publishedAt = at;
      return true;
    },
    listPublished: () =>
      [...workshops.values()]
        .filter((w): w is WorkshopRecord & { publishedAt: number } => typeof w.publishedAt === "number")
        .map((w) => ({ id: w.id, title: w.title, publishedAt: w.publishedAt }))
        .sort((a, b) => b.publishedAt - a.publishedAt || (a.id < b.id ? -1 : 1)),
    async loadRoom(room): Promise<StoredRoom> {
      return {
        snapshot: snapshots.get(room)?.slice() ?? null,
        updates: (logs.get(room) ?? []).map((u) => ({ seq: u.seq, data: u.data.slice() })),
      };
    },
    appendUpdate(room, update, author) {
      const log = logs.get(room) ?? [];
      log.push({ seq: ++seq, data: update.slice() });
      logs.set(room, log);
      if (author) {
        const rows = authors.get(room) ?? [];
        rows.push({ ...author, room, seq, at: Date.now() });
        authors.set(room, rows);
      }
    },
    listUpdateAuthors: (room) => (authors.get(room) ?? []).map((row) => ({ ...row })),
    addParticipant(record) {
      participants.set(`${record.workshopId}:${record.tokenHash}`, { ...record, revoked: false });
    },
    findParticipant(workshopId, tokenHash) {
      const found = participants.get(`${workshopId}:${tokenHash}`);
      if (!found || found.revoked) return null;
      const { revoked: _, ...record } = found;
      return record;
    },
    rotateRoleToken(workshopId, role, token) {
      const record = workshops.get(workshopId);
      if (!record) throw new Error(`no workshop ${workshopId}`);
      record.tokens[role] = token;
      for (const p of participants.values())
        if (p.workshopId === workshopId && p.role === role) p.revoked = true;
    },
    compactRoom(room, state) {
      snapshots.set(room, state.slice());
      logs.delete(room);
    },
    countUpdates: (room) => logs.get(room)?.length ?? 0,
    ballots: createMemoryBallotStore(),
    history: createMemoryHistoryStore(),
    images: createMemoryImageStore(),
    close() {},
  };
}
