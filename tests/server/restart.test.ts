import { afterEach, describe, expect, it } from "vitest";
import { addNote, getNotes } from "../../shared/model";
import { CLOSE } from "../../shared/protocol";
import { type ServerProcess, startServerProcess } from "../support/server-process";
import { AUTHOR, cleanup, createWorkshop, eventually, onCleanup, syncedProvider, tempDir } from "./helpers";

afterEach(cleanup);

async function spawnServer(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess({ dataDir });
  onCleanup(() => server.stop("SIGKILL"));
  return server;
}

const texts = (doc: Parameters<typeof getNotes>[0]) => getNotes(doc).map((note) => note.text);

describe("the server process", () => {
  it("keeps edits across SIGTERM and closes clients with 1012", async () => {
    const dataDir = tempDir();
    const first = await spawnServer(dataDir);
    const workshop = await createWorkshop(first.url);
    const writer = await syncedProvider(first.url, workshop.id, workshop.tokens.team);
    const watcher = await syncedProvider(first.url, workshop.id, workshop.tokens.observer);
    addNote(writer.doc, { stage: "empathize", text: "survives restart", author: AUTHOR });
    await eventually(() => expect(texts(watcher.doc)).toEqual(["survives restart"]));

    const closeCodes: number[] = [];
    writer.provider.on("connection-close", (event) => {
      if (event) closeCodes.push(event.code);
    });
    expect(await first.stop("SIGTERM")).toBe(0);
    await eventually(() => expect(closeCodes).toContain(CLOSE.serviceRestart));
    writer.provider.destroy();
    watcher.provider.destroy();

    const second = await spawnServer(dataDir);
    const reader = await syncedProvider(second.url, workshop.id, workshop.tokens.citizen);
    expect(texts(reader.doc)).toEqual(["survives restart"]);
  });

  it("keeps acknowledged edits across kill -9", async () => {
    const dataDir = tempDir();
    const first = await spawnServer(dataDir);
    const workshop = await createWorkshop(first.url);
    const writer = await syncedProvider(first.url, workshop.id, workshop.tokens.team);
    const watcher = await syncedProvider(first.url, workshop.id, workshop.tokens.observer);
    addNote(writer.doc, { stage: "empathize", text: "one", author: AUTHOR, now: 1 });
    addNote(writer.doc, { stage: "define", text: "two", author: AUTHOR, now: 2 });
    // Another client seeing the edits means the server accepted them; it logs each update before it
    // relays it, so killing it right away must lose nothing of what was acknowledged.
    await eventually(() => expect(texts(watcher.doc)).toEqual(["one", "two"]));
    await first.stop("SIGKILL");
    writer.provider.destroy();
    watcher.provider.destroy();

    const second = await spawnServer(dataDir);
    const reader = await syncedProvider(second.url, workshop.id, workshop.tokens.citizen);
    expect(texts(reader.doc)).toEqual(["one", "two"]);
  });
});
