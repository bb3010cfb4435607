import { join } from "node:path";
import Database from "better-sqlite3";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createSqlitePersistence } from "../../server/persistence/sqlite";
import type { ParticipantId } from "../../shared/ids";
import {
  addNote,
  deleteNote,
  editNote,
  getMeta,
  getNotes,
  moveToStage,
  renameWorkshop,
} from "../../shared/model";
import { CLOSE, controlRoom, type Role, type RoleLinks } from "../../shared/protocol";
import {
  AUTHOR,
  captureLogger,
  cleanup,
  closeCode,
  createWorkshop,
  eventually,
  joinWorkshop,
  rawSocket,
  startTestServer,
  syncedProvider,
  syncUrl,
  tempDir,
  upgradeStatus,
} from "./helpers";

afterEach(cleanup);

/**
 * A bare client that syncs a Y.Doc by hand, so a test can send exactly the update it wants and see the
 * server's permission-denied answer (message type 2) instead of trusting the stock provider.
 */
async function rawClient(baseUrl: string, room: string, token: string, participant?: string) {
  const ws = await rawSocket(baseUrl, room, token, participant);
  const doc = new Y.Doc();
  let onDenied: (reason: string) => void = () => {};
  const denied = new Promise<string>((resolve) => {
    onDenied = resolve;
  });
  const synced = new Promise<void>((resolve) => {
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === 0) {
        const kind = syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, "server");
        if (kind === syncProtocol.messageYjsSyncStep2) resolve();
      } else if (type === 2) {
        decoding.readVarUint(decoder); // permission denied
        onDenied(decoding.readVarString(decoder));
      }
    });
  });
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, 0);
  syncProtocol.writeSyncStep1(step1, doc);
  ws.send(encoding.toUint8Array(step1));
  await synced;
  /** Makes the change on the local doc and sends exactly the update it produced. */
  const attempt = (change: (doc: Y.Doc) => unknown) => {
    const updates: Uint8Array[] = [];
    const listen = (update: Uint8Array, origin: unknown) => {
      if (origin !== "server") updates.push(update);
    };
    doc.on("update", listen);
    change(doc);
    doc.off("update", listen);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, Y.mergeUpdates(updates));
    ws.send(encoding.toUint8Array(encoder));
  };
  return { ws, doc, denied, attempt };
}

const texts = (doc: Y.Doc) =>
  getNotes(doc)
    .map((note) => note.text)
    .sort();

/** Every note text a doc ever held, update by update: a forbidden change must never show up here. */
function history(doc: Y.Doc): Set<string> {
  const seen = new Set<string>();
  doc.on("update", () => {
    for (const text of texts(doc)) seen.add(text);
    seen.add(`title:${getMeta(doc).title}`);
    seen.add(`stage:${getMeta(doc).currentStage}`);
  });
  return seen;
}

async function setup() {
  const logger = captureLogger();
  const server = await startTestServer({ logger });
  const workshop = await createWorkshop(server.url, { title: "Night market", challenge: "" });
  const facilitator = await syncedProvider(server.url, workshop.id, workshop.tokens.facilitator);
  const watcher = await syncedProvider(server.url, workshop.id, workshop.tokens.observer);
  const seen = history(watcher.doc);
  let markers = 0;
  /** A facilitator note, awaited on the watcher: anything the server broadcast before it arrived already. */
  const marker = async () => {
    const text = `marker ${++markers}`;
    addNote(facilitator.doc, { stage: "test", text, author: AUTHOR });
    await eventually(() => expect(texts(watcher.doc)).toContain(text));
  };
  const serverTexts = () => texts(server.rooms.peekDoc(workshop.id) as Y.Doc);
  return { server, workshop, facilitator, watcher, seen, marker, serverTexts, logger };
}

describe("roles over the wire", () => {
  it("drops an observer's edit: not in the server's document, not at other clients", async () => {
    const t = await setup();
    const observer = await rawClient(t.server.url, t.workshop.id, t.workshop.tokens.observer);
    observer.attempt((doc) => addNote(doc, { stage: "define", text: "observer note", author: AUTHOR }));
    expect(await observer.denied).toMatch(/observer may not edit/);
    await t.marker();
    expect(t.serverTexts()).toEqual(["marker 1"]);
    expect(t.seen.has("observer note")).toBe(false);
  });

  it("lets only facilitators change the control document", async () => {
    const t = await setup();
    const control = controlRoom(t.workshop.id);
    const facilitator = await syncedProvider(t.server.url, control, t.workshop.tokens.facilitator);
    const watcher = await syncedProvider(t.server.url, control, t.workshop.tokens.observer);
    const seen = history(watcher.doc);
    const citizen = await joinWorkshop(t.server.url, t.workshop.id, t.workshop.tokens.citizen);
    const attackers: [Role, string | undefined][] = [
      ["team", undefined],
      ["citizen", citizen.participantToken],
      ["observer", undefined],
    ];
    for (const [role, participant] of attackers) {
      const raw = await rawClient(t.server.url, control, t.workshop.tokens[role], participant);
      expect(getMeta(raw.doc).title).toBe("Night market");
      raw.attempt((doc) => {
        renameWorkshop(doc, `renamed by ${role}`);
        moveToStage(doc, "test");
      });
      expect(await raw.denied, role).toMatch(new RegExp(`${role} may not edit`));
    }
    renameWorkshop(facilitator.doc, "Night market, phase 2");
    await eventually(() => expect(getMeta(watcher.doc).title).toBe("Night market, phase 2"));
    const live = getMeta(t.server.rooms.peekDoc(control) as Y.Doc);
    expect(live).toMatchObject({ title: "Night market, phase 2", currentStage: "empathize" });
    expect([...seen].filter((s) => s.includes("renamed by") || s === "stage:test")).toEqual([]);
  });

  it("lets a citizen add and edit their own notes but not edit or delete someone else's", async () => {
    const t = await setup();
    const other = addNote(t.facilitator.doc, { stage: "empathize", text: "facilitator's", author: AUTHOR });
    await eventually(() => expect(texts(t.watcher.doc)).toContain("facilitator's"));
    const me = await joinWorkshop(t.server.url, t.workshop.id, t.workshop.tokens.citizen, "Somchai");
    const author = { id: me.participantId, name: "Somchai" };

    const citizen = await rawClient(
      t.server.url,
      t.workshop.id,
      t.workshop.tokens.citizen,
      me.participantToken,
    );
    let mine = "";
    citizen.attempt((doc) => {
      mine = addNote(doc, { stage: "define", text: "mine", author });
    });
    await eventually(() => expect(texts(t.watcher.doc)).toContain("mine"));
    citizen.attempt((doc) => editNote(doc, mine as never, "mine, edited"));
    await eventually(() => expect(texts(t.watcher.doc)).toContain("mine, edited"));

    citizen.attempt((doc) => editNote(doc, other, "hijacked"));
    expect(await citizen.denied).toMatch(/may not edit/);
    citizen.attempt((doc) => deleteNote(doc, other));
    citizen.attempt((doc) =>
      addNote(doc, {
        stage: "ideate",
        text: "forged",
        author: { id: "someone-else" as ParticipantId, name: "X" },
      }),
    );
    await t.marker();
    expect(t.serverTexts()).toEqual(["facilitator's", "marker 1", "mine, edited"]);
    for (const forbidden of ["hijacked", "forged"]) expect(t.seen.has(forbidden)).toBe(false);
    expect(texts(t.watcher.doc)).toContain("facilitator's");
    expect(
      t.logger.lines.some((l) => l.includes(`citizen ${me.participantId}`) && l.includes("refused")),
    ).toBe(true);

    // Attribution: the log knows which participant sent each accepted update.
    const authors = t.server.persistence.listUpdateAuthors(t.workshop.id);
    expect(authors.filter((a) => a.participantId === me.participantId)).toHaveLength(2);
    expect(authors.every((a) => a.role === "citizen" || a.role === "facilitator")).toBe(true);
  });

  it("keeps a citizen without a participant token read-only", async () => {
    const t = await setup();
    const anonymous = await rawClient(t.server.url, t.workshop.id, t.workshop.tokens.citizen);
    anonymous.attempt((doc) => addNote(doc, { stage: "define", text: "anonymous", author: AUTHOR }));
    expect(await anonymous.denied).toMatch(/may not edit/);
    await t.marker();
    expect(t.serverTexts()).toEqual(["marker 1"]);
    expect(t.seen.has("anonymous")).toBe(false);
    // A wrong participant token is refused at the upgrade.
    const url = `${syncUrl(t.server.url)}/${t.workshop.id}?token=${t.workshop.tokens.citizen}`;
    expect(await upgradeStatus(`${url}&participant=not-a-participant`)).toBe(401);
    // A citizen's identity does not work with another role's link.
    const me = await joinWorkshop(t.server.url, t.workshop.id, t.workshop.tokens.citizen);
    const teamUrl = `${syncUrl(t.server.url)}/${t.workshop.id}?token=${t.workshop.tokens.team}`;
    expect(await upgradeStatus(`${teamUrl}&participant=${me.participantToken}`)).toBe(401);
  });
});

const rotate = (url: string, id: string, role: string, token: string) =>
  fetch(`${url}/api/workshops/${id}/links/${role}/rotate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
const session = (url: string, id: string, token: string) =>
  fetch(`${url}/api/workshops/${id}/session`, { headers: { authorization: `Bearer ${token}` } });
const tokenOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get("token") as string;

describe("join and link rotation", () => {
  it("issues participant identities and validates the join body", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url);
    const joined = await joinWorkshop(server.url, workshop.id, workshop.tokens.citizen, "  Malee  ");
    expect(joined.role).toBe("citizen");
    expect(joined.participantId.length).toBeGreaterThan(8);
    expect(joined.participantToken.length).toBeGreaterThanOrEqual(22);
    const anonymous = await joinWorkshop(server.url, workshop.id, workshop.tokens.team, "");
    expect(anonymous.role).toBe("team");

    const join = (body: string, token = workshop.tokens.citizen) =>
      fetch(`${server.url}/api/workshops/${workshop.id}/join`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
    const tooLong = await join(JSON.stringify({ name: "x".repeat(61) }));
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { message: string }).message).toMatch(/at most 60/);
    expect((await join(JSON.stringify({ name: 5 }))).status).toBe(400);
    expect((await join(JSON.stringify({ name: "ok" }), "wrong")).status).toBe(401);
  });

  it("rotates a link: the old token stops at every door, its sockets close with 4401", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url);
    const citizen = await joinWorkshop(server.url, workshop.id, workshop.tokens.citizen);
    const live = await rawSocket(server.url, workshop.id, workshop.tokens.citizen, citizen.participantToken);
    const team = await rawSocket(server.url, workshop.id, workshop.tokens.team);
    const closed = closeCode(live);

    expect((await rotate(server.url, workshop.id, "citizen", workshop.tokens.team)).status).toBe(403);
    expect((await rotate(server.url, workshop.id, "guest", workshop.tokens.facilitator)).status).toBe(400);
    const response = await rotate(server.url, workshop.id, "citizen", workshop.tokens.facilitator);
    expect(response.status).toBe(200);
    const { links } = (await response.json()) as { links: RoleLinks };
    const fresh = tokenOf(links.citizen);
    expect(fresh).not.toBe(workshop.tokens.citizen);
    expect(tokenOf(links.team)).toBe(workshop.tokens.team);
    expect(await closed).toBe(CLOSE.tokenRevoked);
    expect(team.readyState).toBe(1 satisfies typeof WebSocket.OPEN);

    const base = `${syncUrl(server.url)}/${workshop.id}`;
    expect(await upgradeStatus(`${base}?token=${workshop.tokens.citizen}`)).toBe(401);
    expect((await session(server.url, workshop.id, workshop.tokens.citizen)).status).toBe(401);
    await expect(joinWorkshop(server.url, workshop.id, workshop.tokens.citizen)).rejects.toThrow(/401/);
    // Participants of the rotated role are revoked with it.
    expect(await upgradeStatus(`${base}?token=${fresh}&participant=${citizen.participantToken}`)).toBe(401);
    expect((await session(server.url, workshop.id, fresh)).status).toBe(200);

    // Rotating the facilitator's own link hands back the new one.
    const own = await rotate(server.url, workshop.id, "facilitator", workshop.tokens.facilitator);
    const newFacilitator = tokenOf(((await own.json()) as { links: RoleLinks }).links.facilitator);
    expect((await session(server.url, workshop.id, workshop.tokens.facilitator)).status).toBe(401);
    expect((await session(server.url, workshop.id, newFacilitator)).status).toBe(200);
  });
});

describe("participants and attribution in SQLite", () => {
  it("keeps participants, attribution past compaction, and rotations across a restart", async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ storage: "sqlite", dataDir, compactDebounceMs: 20 });
    const workshop = await createWorkshop(first.url);
    const me = await joinWorkshop(first.url, workshop.id, workshop.tokens.citizen, "Somsri");
    const writer = await syncedProvider(
      first.url,
      workshop.id,
      workshop.tokens.citizen,
      undefined,
      me.participantToken,
    );
    addNote(writer.doc, { stage: "define", text: "kept", author: { id: me.participantId, name: "Somsri" } });
    await eventually(() => expect(first.persistence.listUpdateAuthors(workshop.id)).toHaveLength(1));
    await eventually(() => expect(first.persistence.countUpdates(workshop.id)).toBe(0)); // compacted
    writer.provider.destroy();
    await first.close();

    const second = await startTestServer({ storage: "sqlite", dataDir });
    const [row] = second.persistence.listUpdateAuthors(workshop.id);
    expect(row).toMatchObject({ participantId: me.participantId, role: "citizen" });
    const changes = JSON.parse(row?.changes ?? "{}") as { i: Record<string, [number, number]> };
    expect(Object.keys(changes.i)).toEqual([String(writer.doc.clientID)]);
    // The participant token still works after the restart, and still writes.
    const again = await syncedProvider(
      second.url,
      workshop.id,
      workshop.tokens.citizen,
      undefined,
      me.participantToken,
    );
    editNote(again.doc, getNotes(again.doc)[0]?.id as never, "kept, edited");
    await eventually(() =>
      expect(texts(second.rooms.peekDoc(workshop.id) as Y.Doc)).toEqual(["kept, edited"]),
    );
    expect((await rotate(second.url, workshop.id, "citizen", workshop.tokens.facilitator)).status).toBe(200);
    expect(second.persistence.getWorkshop(workshop.id)?.tokens.citizen).not.toBe(workshop.tokens.citizen);
    const base = `${syncUrl(second.url)}/${workshop.id}`;
    const fresh = second.persistence.getWorkshop(workshop.id)?.tokens.citizen as string;
    expect(await upgradeStatus(`${base}?token=${fresh}&participant=${me.participantToken}`)).toBe(401);
  });

  it("adds the attribution columns to an update log from before them", () => {
    const dataDir = tempDir();
    const old = new Database(join(dataDir, "ruamkid.sqlite"));
    old.exec(
      "CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, data BLOB NOT NULL, created_at INTEGER NOT NULL)",
    );
    old.close();
    const persistence = createSqlitePersistence(dataDir);
    persistence.appendUpdate("room", new Uint8Array([0, 0]), {
      role: "team",
      participantId: null,
      changes: "{}",
    });
    expect(persistence.listUpdateAuthors("room")).toMatchObject([{ role: "team", participantId: null }]);
    persistence.close();
  });
});
