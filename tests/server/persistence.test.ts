import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createSqlitePersistence } from "../../server/persistence/sqlite";
import type { Persistence } from "../../server/persistence/types";
import { addNote, getNotes, moveNote } from "../../shared/model";
import { CLOSE } from "../../shared/protocol";
import {
  AUTHOR,
  captureLogger,
  cleanup,
  closeCode,
  createWorkshop,
  eventually,
  rawSocket,
  startTestServer,
  syncedProvider,
  tempDir,
} from "./helpers";

afterEach(cleanup);

async function storedDoc(persistence: Persistence, room: string): Promise<Y.Doc> {
  const stored = await persistence.loadRoom(room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update.data);
  return doc;
}

describe("SQLite persistence", () => {
  it("appends every update at once, compacts the log, and loads the same document", async () => {
    const dataDir = tempDir();
    const server = await startTestServer({
      storage: "sqlite",
      dataDir,
      compactDebounceMs: 100,
      compactMaxWaitMs: 300,
    });
    const workshop = await createWorkshop(server.url);
    const writer = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    const ids = [];
    for (let i = 0; i < 60; i++)
      ids.push(addNote(writer.doc, { stage: "ideate", text: `idea ${i}`, author: AUTHOR }));
    for (let i = 0; i < 60; i++) moveNote(writer.doc, ids[i % ids.length] as never, { x: i, y: i * 2 });

    // Each accepted update is a row right away; the debounced compaction then folds them in.
    await eventually(() => expect(server.persistence.countUpdates(workshop.id)).toBeGreaterThan(10));
    await eventually(() => expect(server.persistence.countUpdates(workshop.id)).toBe(0), 3000);
    const afterCompaction = await storedDoc(server.persistence, workshop.id);
    expect(getNotes(afterCompaction)).toEqual(getNotes(writer.doc));

    // A later edit appends to the short log again, and snapshot + log still load the whole document.
    addNote(writer.doc, { stage: "test", text: "after compaction", author: AUTHOR });
    await eventually(() => expect(server.persistence.countUpdates(workshop.id)).toBe(1));
    expect(getNotes(await storedDoc(server.persistence, workshop.id))).toEqual(getNotes(writer.doc));

    // Unload compacts too; a fresh server on the same files loads the same document.
    writer.provider.disconnect();
    await eventually(() => expect(server.rooms.openRooms()).not.toContain(workshop.id));
    expect(server.persistence.countUpdates(workshop.id)).toBe(0);
    await server.close();

    const reopened = await startTestServer({ storage: "sqlite", dataDir });
    const reader = await syncedProvider(reopened.url, workshop.id, workshop.tokens.observer);
    expect(getNotes(reader.doc)).toEqual(getNotes(writer.doc));
    expect(getNotes(reader.doc)).toHaveLength(61);
  });

  it("fails only the room whose stored update is corrupt", async () => {
    const dataDir = tempDir();
    const persistence = createSqlitePersistence(dataDir);
    const logger = captureLogger();
    const server = await startTestServer({ persistence, logger });
    const broken = await createWorkshop(server.url);
    const healthy = await createWorkshop(server.url);
    persistence.appendUpdate(broken.id, new Uint8Array([1, 2, 3]));

    const ws = await rawSocket(server.url, broken.id, broken.tokens.team);
    expect(await closeCode(ws)).toBe(CLOSE.roomUnavailable);
    expect(logger.lines.some((line) => line.includes(`room ${broken.id} failed to load`))).toBe(true);
    expect(logger.lines.some((line) => line.includes("stored update seq"))).toBe(true);
    expect(server.rooms.openRooms()).not.toContain(broken.id);

    // The broken workshop's control room and every other workshop keep working.
    const control = await syncedProvider(server.url, `${broken.id}/control`, broken.tokens.team);
    expect(control.provider.synced).toBe(true);
    const a = await syncedProvider(server.url, healthy.id, healthy.tokens.team);
    const b = await syncedProvider(server.url, healthy.id, healthy.tokens.team);
    addNote(a.doc, { stage: "define", text: "fine here", author: AUTHOR });
    await eventually(() => expect(getNotes(b.doc).map((n) => n.text)).toEqual(["fine here"]));
  });
});
