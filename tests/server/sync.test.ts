import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { addNote, getMeta, getNotes } from "../../shared/model";
import { CLOSE, controlRoom } from "../../shared/protocol";
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
} from "./helpers";

afterEach(cleanup);

const noteTexts = (doc: Y.Doc) => getNotes(doc).map((note) => note.text);

describe("sync", () => {
  it("converges two stock providers on one workshop and serves the stored control document", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url, { title: "Clinic queue", challenge: "Shorter waits" });

    const control = await syncedProvider(server.url, controlRoom(workshop.id), workshop.tokens.team);
    // Synced means the stored document arrived: the load was awaited before step 2.
    expect(getMeta(control.doc).title).toBe("Clinic queue");
    expect(getMeta(control.doc).challenge).toBe("Shorter waits");

    const a = await syncedProvider(server.url, workshop.id, workshop.tokens.facilitator);
    // Citizens write only with a participant identity and only their own notes: see roles.test.ts.
    const b = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    addNote(a.doc, { stage: "empathize", text: "from a", author: AUTHOR });
    addNote(b.doc, { stage: "define", text: "from b", author: AUTHOR });
    await eventually(() => expect(noteTexts(b.doc).sort()).toEqual(["from a", "from b"]));
    await eventually(() => expect(noteTexts(a.doc).sort()).toEqual(["from a", "from b"]));
  });

  it("echoes awareness to its sender and drops a leaving client's presence at once", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url);
    const a = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    // A lone client must hear its own awareness back, or the stock provider reconnects every 30 s.
    const echoed = new Promise<void>((resolve) => {
      a.provider.ws?.addEventListener("message", (event: MessageEvent) => {
        const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
        if (decoding.readVarUint(decoder) !== 1) return;
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const count = decoding.readVarUint(update);
        if (count > 0 && decoding.readVarUint(update) === a.doc.clientID) resolve();
      });
    });
    // Only states `readPresence` accepts are relayed (the server drops the rest).
    a.provider.awareness.setLocalState({
      user: { id: "p-a", name: "A", color: "#166534", role: "team" },
      stage: "ideate",
      cursor: null,
    });
    await echoed;

    const b = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    await eventually(() =>
      expect(b.provider.awareness.getStates().get(a.doc.clientID)?.stage).toBe("ideate"),
    );
    a.provider.disconnect();
    await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false), 2000);
  });

  it("never lets an observer's edits reach the server, yet sends it everyone else's", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url);
    const observer = await syncedProvider(server.url, workshop.id, workshop.tokens.observer);
    addNote(observer.doc, { stage: "empathize", text: "observer note", author: AUTHOR });
    // The stock provider reports the server's permission-denied message through console.warn.
    await eventually(() => expect(String(warn.mock.calls[0]?.[0])).toContain("Permission denied"));
    warn.mockRestore();

    const facilitator = await syncedProvider(server.url, workshop.id, workshop.tokens.facilitator);
    addNote(facilitator.doc, { stage: "empathize", text: "facilitator note", author: AUTHOR });
    await eventually(() => expect(noteTexts(observer.doc)).toContain("facilitator note"));
    // The facilitator note made the full round trip, so the observer's earlier one had every chance.
    expect(noteTexts(facilitator.doc)).toEqual(["facilitator note"]);
    const live = server.rooms.peekDoc(workshop.id);
    expect(live && noteTexts(live)).toEqual(["facilitator note"]);

    observer.provider.disconnect();
    facilitator.provider.disconnect();
    await eventually(() => expect(server.rooms.openRooms()).not.toContain(workshop.id));
    const stored = await server.persistence.loadRoom(workshop.id);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update.data);
    expect(noteTexts(doc)).toEqual(["facilitator note"]);
  });

  it("closes only the connection that sends a malformed message", async () => {
    const logger = captureLogger();
    const server = await startTestServer({ logger });
    const workshop = await createWorkshop(server.url);
    const a = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    const b = await syncedProvider(server.url, workshop.id, workshop.tokens.team);

    const update = Y.encodeStateAsUpdate(a.doc);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    const updateFrame = encoding.toUint8Array(encoder);

    const cases: [string, Uint8Array, number][] = [
      ["unterminated varint", new Uint8Array([0x80, 0x80]), CLOSE.invalidPayload],
      ["varint out of range", new Uint8Array(12).fill(0xff), CLOSE.invalidPayload],
      ["unknown message type", new Uint8Array([7, 1, 2]), CLOSE.unsupportedData],
      ["truncated update", updateFrame.slice(0, updateFrame.length - 3), CLOSE.invalidPayload],
      ["empty update", new Uint8Array([0, 2, 0]), CLOSE.invalidPayload],
      ["empty frame", new Uint8Array([]), CLOSE.invalidPayload],
    ];
    for (const [name, bytes, expected] of cases) {
      const ws = await rawSocket(server.url, workshop.id, workshop.tokens.team);
      const closed = closeCode(ws);
      ws.send(bytes);
      expect(await closed, name).toBe(expected);
    }
    expect(logger.lines.filter((line) => line.startsWith("warn closing")).length).toBe(cases.length);

    addNote(a.doc, { stage: "test", text: "still working", author: AUTHOR });
    await eventually(() => expect(noteTexts(b.doc)).toContain("still working"));
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it("loads a room once for concurrent joiners and answers none of them before it is loaded", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url);
    const writer = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    addNote(writer.doc, { stage: "empathize", text: "stored", author: AUTHOR });
    await eventually(() =>
      expect(
        server.rooms.peekDoc(workshop.id) && noteTexts(server.rooms.peekDoc(workshop.id) as Y.Doc),
      ).toEqual(["stored"]),
    );
    writer.provider.disconnect();
    await eventually(() => expect(server.rooms.openRooms()).not.toContain(workshop.id));

    const joiners = await Promise.all(
      [1, 2, 3, 4].map(() => syncedProvider(server.url, workshop.id, workshop.tokens.citizen)),
    );
    // Checked at the moment each reported synced: the first step 2 already held the stored note.
    for (const joiner of joiners) expect(noteTexts(joiner.doc)).toEqual(["stored"]);
  });

  it("closes a connection whose frame exceeds MAX_MESSAGE_BYTES with 1009", async () => {
    const server = await startTestServer({ maxMessageBytes: 4096 });
    const workshop = await createWorkshop(server.url);
    const other = await syncedProvider(server.url, workshop.id, workshop.tokens.team);
    const ws = await rawSocket(server.url, workshop.id, workshop.tokens.team);
    const closed = closeCode(ws);
    ws.send(new Uint8Array(8192));
    expect(await closed).toBe(CLOSE.messageTooBig);
    addNote(other.doc, { stage: "test", text: "small is fine", author: AUTHOR });
    await eventually(() =>
      expect(noteTexts(server.rooms.peekDoc(workshop.id) as Y.Doc)).toEqual(["small is fine"]),
    );
  });
});
