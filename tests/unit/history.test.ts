import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  addPersona,
  createContentUndo,
  decodeDoc,
  deleteNote,
  deleteRecord,
  describeSummary,
  editNote,
  editPersona,
  getNotes,
  getPersonas,
  moveNote,
  pictureContent,
  restoreContent,
  richText,
  summarizeChanges,
} from "../../shared";
import { author, noteId, pull, syncAll } from "./helpers";

const A = author("alice");
const B = author("bob");

describe("undo of one's own changes", () => {
  it("A undoes: only A's change is reverted, B's edit stays", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const undoA = createContentUndo(a, { captureTimeout: 0 });
    addNote(a, { stage: "ideate", text: "shared", author: A, id: noteId("n1") });
    syncAll(a, b);
    editNote(a, noteId("n1"), "A's text");
    addNote(b, { stage: "ideate", text: "B's note", author: B, id: noteId("n2") });
    moveNote(b, noteId("n1"), { x: 300, y: 200 });
    syncAll(a, b);

    expect(undoA.undo()).toBe(true);
    syncAll(a, b);
    for (const doc of [a, b]) {
      const notes = getNotes(doc);
      expect(notes.map((n) => n.text)).toEqual(["shared", "B's note"]);
      expect(notes[0]).toMatchObject({ x: 300, y: 200 });
    }
    // Redo brings A's text back; nothing of B's is on A's stack.
    expect(undoA.redo()).toBe(true);
    expect(getNotes(a)[0]?.text).toBe("A's text");
    expect(undoA.undo()).toBe(true);
    expect(undoA.undo()).toBe(true);
    expect(getNotes(a).map((n) => n.id)).toEqual(["n2"]);
    expect(undoA.canUndo()).toBe(false);
    undoA.destroy();
  });

  it("never tracks remote changes, and brings a deleted record's rich text back", () => {
    const a = new Y.Doc();
    const undo = createContentUndo(a, { captureTimeout: 0 });
    const remote = new Y.Doc();
    addNote(remote, { stage: "define", text: "remote", author: B });
    pull(a, remote);
    expect(undo.canUndo()).toBe(false);

    const id = addPersona(a, { authorId: A.id, name: "Mali" });
    const field = richText(a, id, "needs");
    // Typing in the editor has the editor's own origin: not ours to undo.
    a.transact(() => field.insert(0, [new Y.XmlText("needs a ramp")]), "tiptap");
    undo.manager.clear();
    deleteRecord(a, "personas", id);
    expect(field.toString()).toBe("");
    expect(undo.undo()).toBe(true);
    expect(getPersonas(a).map((p) => p.name)).toEqual(["Mali"]);
    expect(field.toString()).toBe("needs a ramp");
    undo.destroy();
  });
});

describe("history summary and restore", () => {
  function workshop() {
    const doc = new Y.Doc();
    for (const i of [1, 2, 3])
      addNote(doc, { stage: "empathize", text: `note ${i}`, author: A, id: noteId(`n${i}`), now: i });
    const persona = addPersona(doc, { authorId: A.id, name: "Mali", now: 1 });
    doc.transact(() => richText(doc, persona, "needs").insert(0, [new Y.XmlText("a ramp")]));
    return { doc, persona };
  }

  it("summarizes added, moved, edited and deleted items between two snapshots", () => {
    const { doc, persona } = workshop();
    const before = decodeDoc(Y.encodeStateAsUpdate(doc));
    addNote(doc, { stage: "empathize", text: "new", author: A });
    addNote(doc, { stage: "empathize", text: "new 2", author: A });
    moveNote(doc, noteId("n1"), { x: 50, y: 50 });
    editNote(doc, noteId("n2"), "changed");
    deleteNote(doc, noteId("n3"));
    editPersona(doc, persona, { quote: "hi" });
    const summary = summarizeChanges(before, doc);
    expect(summary.notes).toEqual({ added: 2, moved: 1, edited: 1, deleted: 1 });
    expect(summary.personas).toEqual({ added: 0, edited: 1, deleted: 0 });
    expect(describeSummary(summary)).toBe("2 notes added, 1 moved, 1 edited, 1 deleted; 1 persona edited");
    expect(describeSummary(summarizeChanges(doc, doc))).toBe("no changes");
  });

  it("restore round trip: the content equals the snapshot, as one undoable change that syncs", () => {
    const { doc, persona } = workshop();
    const peer = new Y.Doc();
    syncAll(doc, peer);
    const snapshot = decodeDoc(Y.encodeStateAsUpdate(doc));
    const saved = pictureContent(snapshot);

    // Someone else makes a mess; the facilitator restores.
    deleteNote(peer, noteId("n1"));
    editNote(peer, noteId("n2"), "vandalized");
    moveNote(peer, noteId("n3"), { x: 999, y: 999 });
    addNote(peer, { stage: "empathize", text: "spam", author: B });
    deleteRecord(peer, "personas", persona);
    syncAll(doc, peer);
    const messed = pictureContent(doc);

    const undo = createContentUndo(doc, { captureTimeout: 0 });
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    const summary = restoreContent(doc, snapshot);
    expect(updates).toHaveLength(1);
    expect(summary.notes).toEqual({ added: 1, moved: 1, edited: 1, deleted: 1 });
    expect(pictureContent(doc)).toEqual(saved);
    expect(getNotes(doc).map((n) => n.id)).toEqual(["n1", "n2", "n3"]);
    expect(richText(doc, persona, "needs").toString()).toBe(richText(snapshot, persona, "needs").toString());
    syncAll(doc, peer);
    expect(pictureContent(peer)).toEqual(saved);
    // A second restore to the same snapshot changes nothing.
    expect(describeSummary(restoreContent(doc, snapshot))).toBe("no changes");

    // Undo of the restore gives back the state before it.
    expect(undo.undo()).toBe(true);
    expect(pictureContent(doc)).toEqual(messed);
    expect(richText(doc, persona, "needs").toString()).toBe("");
    syncAll(doc, peer);
    expect(pictureContent(peer)).toEqual(messed);
    undo.destroy();
  });
});
