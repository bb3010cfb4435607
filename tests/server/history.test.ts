import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { createSqliteHistoryStore } from "../../server/history-store";
import {
  addNote,
  contentRoom,
  decodeDoc,
  deleteNote,
  fromBase64,
  getNotes,
  type HistoryListResponse,
  type HistoryRestoreResponse,
  type HistorySnapshotResponse,
  moveToStage,
  type NoteId,
  restoreContent,
} from "../../shared";
import { cleanup, createWorkshop, eventually, joinWithRooms, startTestServer } from "./helpers";

afterEach(cleanup);

async function setup(historyIntervalMs = 60_000) {
  const server = await startTestServer({ historyIntervalMs });
  const w = await createWorkshop(server.url);
  const fac = await joinWithRooms(server.url, w.id, w.tokens.facilitator, "Fac");
  const { control, content } = fac;
  const author = { id: fac.participantId, name: "Fac" };
  for (const text of ["a", "b", "c"])
    addNote(content.doc, { stage: "empathize", text, author, id: `note-${text}` as NoteId });
  const serverContent = () => server.rooms.peekDoc(contentRoom(w.id)) as Y.Doc;
  await eventually(() => expect(getNotes(serverContent())).toHaveLength(3));
  const api = (path: string, token = w.tokens.facilitator, method = "GET") =>
    fetch(`${server.url}/api/workshops/${w.id}/history${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
  const list = async () => ((await (await api("")).json()) as HistoryListResponse).entries;
  return { server, w, control, content, author, serverContent, api, list };
}

describe("workshop history", () => {
  it("snapshots both documents when the current stage changes, with a summary", async () => {
    const s = await setup();
    expect(await s.list()).toEqual([]);
    moveToStage(s.control.doc, "define");
    await eventually(async () => expect(await s.list()).toHaveLength(1));
    const [entry] = await s.list();
    expect(entry).toMatchObject({ reason: "stage", stage: "define", counts: { notes: 3, personas: 0 } });
    expect(entry?.summary.notes).toEqual({ added: 3, moved: 0, edited: 0, deleted: 0 });
    expect(entry?.summaryText).toBe("3 notes added");

    deleteNote(s.content.doc, "note-a" as NoteId);
    await eventually(() => expect(getNotes(s.serverContent())).toHaveLength(2));
    moveToStage(s.control.doc, "ideate");
    await eventually(async () => expect(await s.list()).toHaveLength(2));
    const [latest] = await s.list();
    expect(latest).toMatchObject({ reason: "stage", stage: "ideate", summaryText: "1 note deleted" });
  });

  it("snapshots every interval of activity, and not without activity", async () => {
    const s = await setup(300);
    await eventually(async () => expect((await s.list()).map((e) => e.reason)).toEqual(["periodic"]));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await s.list()).toHaveLength(1);
    addNote(s.content.doc, { stage: "empathize", text: "more", author: s.author });
    await eventually(async () => expect(await s.list()).toHaveLength(2));
    expect((await s.list())[0]?.summaryText).toBe("1 note added");
  });

  it("answers 403 to everyone but the facilitator, 401 without a token, 404 for unknown snapshots", async () => {
    const s = await setup();
    moveToStage(s.control.doc, "define");
    await eventually(async () => expect(await s.list()).toHaveLength(1));
    const [entry] = await s.list();
    for (const role of ["team", "citizen", "observer"] as const) {
      expect((await s.api("", s.w.tokens[role])).status).toBe(403);
      expect((await s.api(`/${entry?.id}`, s.w.tokens[role])).status).toBe(403);
      expect((await s.api(`/${entry?.id}/restore`, s.w.tokens[role], "POST")).status).toBe(403);
    }
    expect((await s.api("", "wrong")).status).toBe(401);
    expect((await s.api("/999")).status).toBe(404);
    expect((await s.api("/abc")).status).toBe(404);
  });

  it("restores as a new change: the present is snapshotted first, the client applies the snapshot", async () => {
    const s = await setup();
    moveToStage(s.control.doc, "define");
    await eventually(async () => expect(await s.list()).toHaveLength(1));
    const [entry] = await s.list();
    deleteNote(s.content.doc, "note-b" as NoteId);
    addNote(s.content.doc, { stage: "define", text: "later", author: s.author, id: "note-z" as NoteId });
    await eventually(() => expect(getNotes(s.serverContent())).toHaveLength(3));

    const preview = (await (await s.api(`/${entry?.id}`)).json()) as HistorySnapshotResponse;
    expect(preview.content.notes.map((n) => n.text)).toEqual(["a", "b", "c"]);
    expect(preview.title).toBe("Bus stop redesign");

    const response = await s.api(`/${entry?.id}/restore`, s.w.tokens.facilitator, "POST");
    expect(response.status).toBe(200);
    const body = (await response.json()) as HistoryRestoreResponse;
    expect(body.saved).toMatchObject({ reason: "restore", counts: { notes: 3 } });
    restoreContent(s.content.doc, decodeDoc(fromBase64(body.state)));
    await eventually(() =>
      expect(
        getNotes(s.serverContent())
          .map((n) => n.id)
          .sort(),
      ).toEqual(["note-a", "note-b", "note-c"]),
    );
    expect((await s.list()).map((e) => e.reason)).toEqual(["restore", "stage"]);
  });
});

describe("sqlite history store", () => {
  it("appends, lists newest first without bytes, and reads one back", () => {
    const db = new Database(":memory:");
    const store = createSqliteHistoryStore(db);
    const base = { workshopId: "w1", reason: "stage" as const, stage: "define", summary: "{}" };
    const first = store.add({
      ...base,
      at: 1,
      content: new Uint8Array([1, 2]),
      control: new Uint8Array([3]),
    });
    const second = store.add({ ...base, at: 2, content: new Uint8Array([4]), control: new Uint8Array([5]) });
    store.add({
      ...base,
      workshopId: "w2",
      at: 3,
      content: new Uint8Array([6]),
      control: new Uint8Array([7]),
    });
    expect(store.list("w1").map((r) => r.id)).toEqual([second, first]);
    expect(store.list("w1")[0]).not.toHaveProperty("content");
    expect(store.get("w1", first)?.content).toEqual(new Uint8Array([1, 2]));
    expect(store.get("w2", first)).toBeNull();
    expect(store.latest("w1")?.id).toBe(second);
    db.close();
  });
});
