import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  CLUSTERS_KEY,
  type ClusterId,
  collapseCluster,
  createCluster,
  createContentUndo,
  createWorkshopDocs,
  decodeDoc,
  getCluster,
  getClusterMembers,
  getClusters,
  getMemberships,
  getNote,
  getNotes,
  LOCAL_ORIGIN,
  moveCluster,
  moveNote,
  moveNoteWithCluster,
  readCluster,
  recolorCluster,
  renameCluster,
  restoreContent,
  setNoteCluster,
  ungroupCluster,
} from "../../shared";
import { buildReport } from "../../shared/report";
import { author, noteId, record, syncAll } from "./helpers";

const A = author("alice");
const B = author("bob");
const cid = (id: string) => id as ClusterId;

function board() {
  const doc = new Y.Doc();
  addNote(doc, { stage: "ideate", text: "one", author: A, id: noteId("n1"), x: 100, y: 100, now: 1 });
  addNote(doc, { stage: "ideate", text: "two", author: B, id: noteId("n2"), x: 300, y: 100, now: 2 });
  addNote(doc, { stage: "ideate", text: "three", author: B, id: noteId("n3"), x: 900, y: 900, now: 3 });
  addNote(doc, { stage: "define", text: "elsewhere", author: A, id: noteId("d1"), now: 4 });
  return doc;
}

describe("clusters: model", () => {
  it("creates, renames, recolors and collapses, each as one local transaction", () => {
    const doc = board();
    const rec = record(doc);
    const id = createCluster(doc, { stage: "ideate", name: "  Safety ", x: 80, y: 40, now: 10 });
    expect(renameCluster(doc, id, "Lighting")).toBe(true);
    expect(recolorCluster(doc, id, "green")).toBe(true);
    expect(collapseCluster(doc, id, true)).toBe(true);
    rec.stop();
    expect(rec.updates).toBe(4);
    expect(rec.origins).toEqual([LOCAL_ORIGIN, LOCAL_ORIGIN, LOCAL_ORIGIN, LOCAL_ORIGIN]);
    expect(getCluster(doc, id)).toEqual({
      id,
      stage: "ideate",
      name: "Lighting",
      color: "green",
      x: 80,
      y: 40,
      collapsed: true,
      createdAt: 10,
    });
    expect(getClusters(doc, "define")).toEqual([]);
    expect(recolorCluster(doc, id, "teal" as never)).toBe(false);
    expect(renameCluster(doc, cid("missing"), "x")).toBe(false);
    expect(() => createCluster(doc, { stage: "nope" as never, name: "x" })).toThrow(RangeError);
  });

  it("joins and leaves: membership is a field of the note, for clusters of the note's stage only", () => {
    const doc = board();
    const id = createCluster(doc, { stage: "ideate", name: "Safety", id: cid("c1") });
    expect(setNoteCluster(doc, noteId("n1"), id)).toBe(true);
    expect(setNoteCluster(doc, noteId("n2"), id, { x: 120, y: 300 })).toBe(true);
    expect(doc.getMap<Y.Map<unknown>>("notes").get("n1")?.get("cluster")).toBe("c1");
    expect(getNote(doc, noteId("n2"))).toMatchObject({ x: 120, y: 300 });
    expect(getClusterMembers(doc, id).sort()).toEqual(["n1", "n2"]);
    // Not across stages, not into a missing cluster, not for a missing note.
    expect(setNoteCluster(doc, noteId("d1"), id)).toBe(false);
    expect(setNoteCluster(doc, noteId("n3"), cid("nope"))).toBe(false);
    expect(setNoteCluster(doc, noteId("gone"), id)).toBe(false);
    expect(setNoteCluster(doc, noteId("n1"), null)).toBe(true);
    expect([...getMemberships(doc, "ideate")]).toEqual([["n2", "c1"]]);
  });

  it("moves a cluster as a whole: members follow by the same offset in the same transaction", () => {
    const doc = board();
    const id = createCluster(doc, { stage: "ideate", name: "Safety", x: 80, y: 40 });
    setNoteCluster(doc, noteId("n1"), id);
    setNoteCluster(doc, noteId("n2"), id);
    const peer = new Y.Doc();
    syncAll(doc, peer);
    const rec = record(doc);
    expect(moveCluster(doc, id, { x: 180, y: 90 })).toBe(true);
    rec.stop();
    expect(rec.updates).toBe(1);
    expect(getCluster(doc, id)).toMatchObject({ x: 180, y: 90 });
    expect(getNote(doc, noteId("n1"))).toMatchObject({ x: 200, y: 150 });
    expect(getNote(doc, noteId("n2"))).toMatchObject({ x: 400, y: 150 });
    // Non-members stay put.
    expect(getNote(doc, noteId("n3"))).toMatchObject({ x: 900, y: 900 });
    // A clamp keeps members on the board.
    moveCluster(doc, id, { x: -1000, y: 90 }, (at) => ({ x: Math.max(0, at.x), y: at.y }));
    expect(getNote(doc, noteId("n1"))?.x).toBe(0);
    syncAll(doc, peer);
    expect(getNotes(peer)).toEqual(getNotes(doc));
  });

  it("a drop that joins a cluster moves and joins in one transaction", () => {
    const doc = board();
    const id = createCluster(doc, { stage: "ideate", name: "Safety" });
    const rec = record(doc);
    moveNoteWithCluster(doc, noteId("n3"), id, () => moveNote(doc, noteId("n3"), { x: 20, y: 60 }));
    rec.stop();
    expect(rec.updates).toBe(1);
    expect(getNote(doc, noteId("n3"))).toMatchObject({ x: 20, y: 60 });
    expect(getClusterMembers(doc, id)).toEqual(["n3"]);
  });

  it("ungroups: clears every member's field and deletes the cluster", () => {
    const doc = board();
    const id = createCluster(doc, { stage: "ideate", name: "Safety" });
    setNoteCluster(doc, noteId("n1"), id);
    setNoteCluster(doc, noteId("n2"), id);
    expect(ungroupCluster(doc, id)).toBe(true);
    expect(getClusters(doc)).toEqual([]);
    for (const key of ["n1", "n2"])
      expect(doc.getMap<Y.Map<unknown>>("notes").get(key)?.has("cluster")).toBe(false);
    expect(getNotes(doc)).toHaveLength(4);
    expect(ungroupCluster(doc, id)).toBe(false);
  });

  it("reads malformed data without throwing: bad fields get defaults, forged records are left out", () => {
    expect(readCluster(null)).toBeNull();
    expect(readCluster({ id: "c", stage: "nowhere" })).toBeNull();
    expect(readCluster({ id: "", stage: "ideate" })).toBeNull();
    expect(
      readCluster({
        id: "c",
        stage: "ideate",
        name: 42,
        color: "plaid",
        x: Number.NaN,
        y: "1",
        collapsed: "yes",
      }),
    ).toEqual({
      id: "c",
      stage: "ideate",
      name: "",
      color: "blue",
      x: 0,
      y: 0,
      collapsed: false,
      createdAt: 0,
    });
    expect(readCluster({ id: "c", stage: "ideate", name: "x".repeat(500) })?.name).toHaveLength(80);

    const doc = board();
    const real = createCluster(doc, { stage: "ideate", name: "Real", id: cid("c1") });
    const clusters = doc.getMap<unknown>(CLUSTERS_KEY);
    doc.transact(() => {
      clusters.set("plain", "not a map");
      const forged = new Y.Map<unknown>();
      forged.set("id", "c1");
      forged.set("stage", "ideate");
      clusters.set("forged", forged);
      const notes = doc.getMap<Y.Map<unknown>>("notes");
      notes.get("n1")?.set("cluster", 7);
      notes.get("n2")?.set("cluster", "forged");
      notes.get("n3")?.set("cluster", "c1");
      notes.get("d1")?.set("cluster", "c1");
    });
    expect(getClusters(doc).map((c) => c.id)).toEqual([real]);
    // Only n3: wrong types, forged clusters and cross-stage ids count as no cluster.
    expect([...getMemberships(doc)]).toEqual([["n3", "c1"]]);
    expect(moveCluster(doc, cid("forged"), { x: 1, y: 1 })).toBe(false);
  });
});

describe("clusters: undo and history", () => {
  it("undoes a cluster move (cluster and members) as one step, and nobody else's edit", () => {
    const doc = board();
    const undo = createContentUndo(doc, { captureTimeout: 0 });
    const id = createCluster(doc, { stage: "ideate", name: "Safety", x: 80, y: 40 });
    setNoteCluster(doc, noteId("n1"), id);
    moveCluster(doc, id, { x: 380, y: 240 });
    expect(getNote(doc, noteId("n1"))).toMatchObject({ x: 400, y: 300 });

    expect(undo.undo()).toBe(true);
    expect(getCluster(doc, id)).toMatchObject({ x: 80, y: 40 });
    expect(getNote(doc, noteId("n1"))).toMatchObject({ x: 100, y: 100 });
    expect(getClusterMembers(doc, id)).toEqual(["n1"]);
    expect(undo.undo()).toBe(true);
    expect(getClusterMembers(doc, id)).toEqual([]);
    expect(undo.undo()).toBe(true);
    expect(getClusters(doc)).toEqual([]);
    expect(undo.redo()).toBe(true);
    expect(getClusters(doc).map((c) => c.name)).toEqual(["Safety"]);
    undo.destroy();
  });

  it("restoring a snapshot from before the clustering removes clusters and memberships", () => {
    const doc = board();
    const before = decodeDoc(Y.encodeStateAsUpdate(doc));
    const id = createCluster(doc, { stage: "ideate", name: "Safety" });
    setNoteCluster(doc, noteId("n1"), id);
    const after = decodeDoc(Y.encodeStateAsUpdate(doc));
    const summary = restoreContent(doc, before);
    expect(summary.notes.moved).toBe(1);
    expect(getClusters(doc)).toEqual([]);
    expect(doc.getMap<Y.Map<unknown>>("notes").get("n1")?.has("cluster")).toBe(false);
    // …and restoring the later one brings them back.
    restoreContent(doc, after);
    expect(getClusterMembers(doc, id)).toEqual(["n1"]);
  });

  it("the report names each note's cluster and groups by cluster", () => {
    const docs = createWorkshopDocs();
    const doc = docs.content;
    addNote(doc, { stage: "ideate", text: "lamp", author: A, id: noteId("n1"), now: 1 });
    addNote(doc, { stage: "ideate", text: "guard", author: A, id: noteId("n2"), now: 2 });
    addNote(doc, { stage: "ideate", text: "bench", author: B, id: noteId("n3"), now: 3 });
    const a = createCluster(doc, { stage: "ideate", name: "Safety", now: 5 });
    const b = createCluster(doc, { stage: "ideate", name: "Safety", now: 6 });
    createCluster(doc, { stage: "ideate", name: "Empty", now: 7 });
    setNoteCluster(doc, noteId("n1"), a);
    setNoteCluster(doc, noteId("n2"), a);
    setNoteCluster(doc, noteId("n3"), b);
    const report = buildReport(docs, { pseudonymize: true, includeHidden: false });
    expect(report.clusters).toEqual([
      { name: "Safety", noteIds: ["n1", "n2"] },
      { name: "Safety", noteIds: ["n3"] },
    ]);
    expect(report.ideas.find((n) => n.id === "n1")?.cluster).toBe("Safety");
  });
});
