import type { Persistence, StoredRoom, WorkshopRecord } from "./types";

/** For tests and throwaway demos: same contract as SQLite, gone when the process exits. */
export function createMemoryPersistence(): Persistence {
  const workshops = new Map<string, WorkshopRecord>();
  const snapshots = new Map<string, Uint8Array>();
  const logs = new Map<string, { seq: number; data: Uint8Array }[]>();
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
    async loadRoom(room): Promise<StoredRoom> {
      return {
        snapshot: snapshots.get(room)?.slice() ?? null,
        updates: (logs.get(room) ?? []).map((u) => ({ seq: u.seq, data: u.data.slice() })),
      };
    },
    appendUpdate(room, update) {
      const log = logs.get(room) ?? [];
      log.push({ seq: ++seq, data: update.slice() });
      logs.set(room, log);
    },
    compactRoom(room, state) {
      snapshots.set(room, state.slice());
      logs.delete(room);
    },
    countUpdates: (room) => logs.get(room)?.length ?? 0,
    close() {},
  };
}
