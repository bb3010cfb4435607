import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  createWorkshopDocs,
  deleteNote,
  editNote,
  getMeta,
  getNote,
  getNotes,
  getStageNotes,
  initWorkshop,
  moveNote,
  moveNoteToStage,
  moveToStage,
  recolorNote,
  renameWorkshop,
  setChallenge,
  snapshotWorkshop,
} from "../../shared/model";
import { LOCAL_ORIGIN } from "../../shared/origin";
import { CONTENT_KEYS, LIMITS, NOTE_COLORS, SCHEMA_VERSION, STAGES, type StageId } from "../../shared/schema";
import { author, noteId, pull, record, reloaded, syncAll } from "./helpers";

const ann = author("p-ann", "Ann");
const bo = author("p-bo", "Bo");

/** Runs `fn` and checks it made exactly one local transaction that produced one network update. */
function oneLocalWrite<T>(doc: Y.Doc, fn: () => T): T {
  const rec = record(doc);
  const result = fn();
  rec.stop();
  expect(rec.origins).toEqual([LOCAL_ORIGIN]);
  expect(rec.updates).toBe(1);
  return result;
}

/** Runs `fn` and checks it did not touch the doc at all. */
function noWrite<T>(doc: Y.Doc, fn: () => T): T {
  const rec = record(doc);
  const result = fn();
  rec.stop();
  expect(rec.origins).toEqual([]);
  expect(rec.updates).toBe(0);
  return result;
}

const newBoard = () => {
  const docs = createWorkshopDocs();
  initWorkshop(docs.control, { title: "Clinic queues", challenge: "How might we shorten waits?", now: 1000 });
  return docs;
};

describe("workshop meta (control document)", () => {
  it("creates a workshop everyone sees with its title, challenge and first stage", () => {
    const docs = createWorkshopDocs();
    oneLocalWrite(docs.control, () =>
      initWorkshop(docs.control, { title: "คิวคลินิก", challenge: "ลดเวลารอ", now: 1234 }),
    );
    const expected = {
      schemaVersion: SCHEMA_VERSION,
      title: "คิวคลินิก",
      challenge: "ลดเวลารอ",
      createdAt: 1234,
      currentStage: "empathize",
    };
    expect(getMeta(docs.control)).toEqual(expected);
    expect(getMeta(reloaded(docs.control))).toEqual(expected);
  });

  it("stamps creation time from the clock when none is given", () => {
    const docs = createWorkshopDocs();
    const before = Date.now();
    initWorkshop(docs.control, { title: "t", challenge: "c" });
    const { createdAt } = getMeta(docs.control);
    expect(createdAt).toBeGreaterThanOrEqual(before);
    expect(createdAt).toBeLessThanOrEqual(Date.now());
  });

  it("renames the workshop in one local write", () => {
    const { control } = newBoard();
    oneLocalWrite(control, () => renameWorkshop(control, "Renamed"));
    expect(getMeta(control).title).toBe("Renamed");
    expect(getMeta(control).challenge).toBe("How might we shorten waits?");
  });

  it("changes the challenge in one local write", () => {
    const { control } = newBoard();
    oneLocalWrite(control, () => setChallenge(control, "How might we welcome walk-ins?"));
    expect(getMeta(control).challenge).toBe("How might we welcome walk-ins?");
    expect(getMeta(control).title).toBe("Clinic queues");
  });

  it("moves the workshop through every stage", () => {
    const { control } = newBoard();
    for (const stage of STAGES) {
      oneLocalWrite(control, () => moveToStage(control, stage));
      expect(getMeta(control).currentStage).toBe(stage);
    }
  });

  it("refuses an unknown stage without writing anything", () => {
    const { control } = newBoard();
    moveToStage(control, "define");
    noWrite(control, () => {
      expect(() => moveToStage(control, "reflect" as StageId)).toThrow(RangeError);
      expect(() => moveToStage(control, undefined as unknown as StageId)).toThrow(RangeError);
    });
    expect(getMeta(control).currentStage).toBe("define");
  });

  it("clamps an over-long title and challenge", () => {
    const docs = createWorkshopDocs();
    initWorkshop(docs.control, { title: "t".repeat(500), challenge: "c".repeat(5000), now: 1 });
    expect(getMeta(docs.control).title).toBe("t".repeat(LIMITS.titleLength));
    expect(getMeta(docs.control).challenge).toBe("c".repeat(LIMITS.challengeLength));
    renameWorkshop(docs.control, "r".repeat(LIMITS.titleLength + 1));
    setChallenge(docs.control, "s".repeat(LIMITS.challengeLength + 1));
    expect(getMeta(docs.control).title).toBe("r".repeat(LIMITS.titleLength));
    expect(getMeta(docs.control).challenge).toBe("s".repeat(LIMITS.challengeLength));
  });

  it("shows the same clamped title to everyone when the cut falls inside an emoji", () => {
    const a = createWorkshopDocs();
    const b = createWorkshopDocs();
    // 199 Thai characters then emoji: a UTF-16 cut at 200 would keep half of the first emoji.
    const title = `${"ก".repeat(LIMITS.titleLength - 1)}🙂🙂`;
    initWorkshop(a.control, { title, challenge: "🙂".repeat(LIMITS.challengeLength), now: 1 });
    pull(b.control, a.control);
    expect(getMeta(a.control).title).toBe("ก".repeat(LIMITS.titleLength - 1));
    expect(getMeta(a.control).challenge).toBe("🙂".repeat(LIMITS.challengeLength / 2));
    expect(getMeta(b.control)).toEqual(getMeta(a.control));
    renameWorkshop(a.control, `x${"🙂".repeat(LIMITS.titleLength)}`);
    pull(b.control, a.control);
    expect(getMeta(a.control).title).toBe(`x${"🙂".repeat(LIMITS.titleLength / 2 - 1)}`);
    expect(getMeta(b.control)).toEqual(getMeta(a.control));
  });

  it("reaches other peers: a rename and a stage change made on two devices both land", () => {
    const a = newBoard();
    const b = createWorkshopDocs();
    pull(b.control, a.control);
    expect(getMeta(b.control).title).toBe("Clinic queues");
    renameWorkshop(a.control, "New name");
    moveToStage(b.control, "ideate");
    syncAll(a.control, b.control);
    for (const docs of [a, b]) {
      expect(getMeta(docs.control).title).toBe("New name");
      expect(getMeta(docs.control).currentStage).toBe("ideate");
    }
  });
});

describe("notes (content document)", () => {
  it("adds a note with everything the board shows, in one local write", () => {
    const { content } = newBoard();
    const id = oneLocalWrite(content, () =>
      addNote(content, {
        stage: "define",
        text: "Patients wait 3 hours",
        color: "pink",
        x: 120,
        y: -40,
        author: ann,
        id: noteId("n1"),
        now: 5000,
      }),
    );
    expect(id).toBe("n1");
    const expected = {
      id: "n1",
      stage: "define",
      text: "Patients wait 3 hours",
      color: "pink",
      x: 120,
      y: -40,
      authorId: "p-ann",
      authorName: "Ann",
      createdAt: 5000,
    };
    expect(getNote(content, id)).toEqual(expected);
    expect(getNotes(content)).toEqual([expected]);
    expect(getNotes(reloaded(content))).toEqual([expected]);
  });

  it("fills sensible defaults and generates an id when the UI leaves them out", () => {
    const { content } = newBoard();
    const before = Date.now();
    const id = addNote(content, { stage: "empathize", author: bo });
    const note = getNote(content, id);
    expect(id).toMatch(/^[\w-]{12}$/);
    expect(note).toMatchObject({ id, stage: "empathize", text: "", color: "yellow", x: 0, y: 0 });
    expect(note?.createdAt).toBeGreaterThanOrEqual(before);
    const other = addNote(content, { stage: "empathize", author: bo });
    expect(other).not.toBe(id);
    expect(getNotes(content)).toHaveLength(2);
  });

  it("replaces non-finite positions and unknown colors instead of storing them", () => {
    const { content } = newBoard();
    const id = addNote(content, {
      stage: "ideate",
      author: ann,
      x: Number.NaN,
      y: Number.POSITIVE_INFINITY,
      color: "magenta" as never,
      id: noteId("n1"),
      now: 1,
    });
    expect(getNote(content, id)).toMatchObject({ x: 0, y: 0, color: "yellow" });
  });

  it("refuses a note in an unknown stage without writing anything", () => {
    const { content } = newBoard();
    noWrite(content, () =>
      expect(() => addNote(content, { stage: "reflect" as StageId, author: ann })).toThrow(RangeError),
    );
    expect(getNotes(content)).toEqual([]);
  });

  it("clamps note text and author name to the limits", () => {
    const { content } = newBoard();
    const id = addNote(content, {
      stage: "ideate",
      author: author("p-long", "N".repeat(200)),
      text: "x".repeat(LIMITS.noteTextLength + 500),
      id: noteId("n1"),
      now: 1,
    });
    expect(getNote(content, id)?.text).toBe("x".repeat(LIMITS.noteTextLength));
    expect(getNote(content, id)?.authorName).toBe("N".repeat(LIMITS.displayNameLength));
    oneLocalWrite(content, () => editNote(content, id, "y".repeat(LIMITS.noteTextLength * 2)));
    expect(getNote(content, id)?.text).toBe("y".repeat(LIMITS.noteTextLength));
  });

  it("keeps clamped text identical on every peer even when the cut falls inside an emoji", () => {
    const a = newBoard();
    const b = createWorkshopDocs();
    const text = `${"a".repeat(LIMITS.noteTextLength - 1)}😀tail`;
    const id = addNote(a.content, {
      stage: "ideate",
      author: author("p-e", `${"ก".repeat(LIMITS.displayNameLength - 1)}😀`),
      text,
      id: noteId("n1"),
      now: 1,
    });
    pull(b.content, a.content);
    expect(getNote(a.content, id)?.text).toBe("a".repeat(LIMITS.noteTextLength - 1));
    expect(getNote(a.content, id)?.authorName).toBe("ก".repeat(LIMITS.displayNameLength - 1));
    expect(getNotes(b.content)).toEqual(getNotes(a.content));
    editNote(a.content, id, "😀".repeat(LIMITS.noteTextLength));
    pull(b.content, a.content);
    expect(getNote(a.content, id)?.text).toBe("😀".repeat(LIMITS.noteTextLength / 2));
    expect(getNotes(b.content)).toEqual(getNotes(a.content));
    expect(getNotes(reloaded(a.content))).toEqual(getNotes(a.content));
  });

  it("stores text with a stray half emoji the way other peers will receive it", () => {
    const a = newBoard();
    const id = addNote(a.content, {
      stage: "test",
      author: ann,
      text: "ok\uD83D!",
      id: noteId("n1"),
      now: 1,
    });
    editNote(a.content, id, "\uDE00 broken");
    expect(getNotes(reloaded(a.content))).toEqual(getNotes(a.content));
    expect(getNote(a.content, id)?.text).toBe("\uFFFD broken");
  });

  it("edits, moves, recolors and moves a note to another stage, each in one local write", () => {
    const { content } = newBoard();
    const id = addNote(content, { stage: "empathize", author: ann, id: noteId("n1"), now: 1 });
    expect(oneLocalWrite(content, () => editNote(content, id, "Long queues at dawn"))).toBe(true);
    expect(oneLocalWrite(content, () => moveNote(content, id, { x: 300, y: 200.5 }))).toBe(true);
    expect(oneLocalWrite(content, () => recolorNote(content, id, "green"))).toBe(true);
    expect(oneLocalWrite(content, () => moveNoteToStage(content, id, "define"))).toBe(true);
    expect(getNote(content, id)).toMatchObject({
      text: "Long queues at dawn",
      x: 300,
      y: 200.5,
      color: "green",
      stage: "define",
    });
    expect(getStageNotes(content, "empathize")).toEqual([]);
    expect(getStageNotes(content, "define").map((n) => n.id)).toEqual(["n1"]);
  });

  it("offers every note color", () => {
    const { content } = newBoard();
    const id = addNote(content, { stage: "empathize", author: ann, id: noteId("n1"), now: 1 });
    for (const color of NOTE_COLORS) {
      expect(recolorNote(content, id, color)).toBe(true);
      expect(getNote(content, id)?.color).toBe(color);
    }
  });

  it("treats a move as one undo step: x and y come back together", () => {
    const { content } = newBoard();
    const id = addNote(content, { stage: "empathize", author: ann, x: 10, y: 20, id: noteId("n1"), now: 1 });
    const undo = new Y.UndoManager(content.getMap(CONTENT_KEYS.notes), {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 0,
    });
    moveNote(content, id, { x: 500, y: 600 });
    undo.undo();
    expect(getNote(content, id)).toMatchObject({ x: 10, y: 20 });
  });

  it("moves a note to the origin when given a non-finite position", () => {
    const { content } = newBoard();
    const id = addNote(content, { stage: "empathize", author: ann, x: 10, y: 20, id: noteId("n1"), now: 1 });
    moveNote(content, id, { x: Number.NEGATIVE_INFINITY, y: Number.NaN });
    expect(getNote(content, id)).toMatchObject({ x: 0, y: 0 });
  });

  it("refuses unknown colors and stages for an existing note without writing", () => {
    const { content } = newBoard();
    const id = addNote(content, { stage: "empathize", author: ann, id: noteId("n1"), now: 1 });
    noWrite(content, () => {
      expect(recolorNote(content, id, "magenta" as never)).toBe(false);
      expect(moveNoteToStage(content, id, "reflect" as StageId)).toBe(false);
    });
    expect(getNote(content, id)).toMatchObject({ color: "yellow", stage: "empathize" });
  });

  it("deletes a note in one local write", () => {
    const { content } = newBoard();
    const id = addNote(content, { stage: "empathize", author: ann, id: noteId("n1"), now: 1 });
    addNote(content, { stage: "empathize", author: ann, id: noteId("n2"), now: 2 });
    expect(oneLocalWrite(content, () => deleteNote(content, id))).toBe(true);
    expect(getNote(content, id)).toBeNull();
    expect(getNotes(content).map((n) => n.id)).toEqual(["n2"]);
    expect(noWrite(content, () => deleteNote(content, id))).toBe(false);
  });

  it("returns false for notes that never existed, without writing", () => {
    const { content } = newBoard();
    const ghost = noteId("ghost");
    noWrite(content, () => {
      expect(editNote(content, ghost, "boo")).toBe(false);
      expect(moveNote(content, ghost, { x: 1, y: 1 })).toBe(false);
      expect(recolorNote(content, ghost, "blue")).toBe(false);
      expect(moveNoteToStage(content, ghost, "test")).toBe(false);
      expect(deleteNote(content, ghost)).toBe(false);
    });
    expect(getNote(content, ghost)).toBeNull();
    expect(getNotes(content)).toEqual([]);
  });

  it("lists notes oldest first, ties broken by id, and filters by stage", () => {
    const { content } = newBoard();
    addNote(content, { stage: "ideate", author: ann, id: noteId("c"), now: 30 });
    addNote(content, { stage: "define", author: ann, id: noteId("b"), now: 10 });
    addNote(content, { stage: "ideate", author: bo, id: noteId("a"), now: 10 });
    addNote(content, { stage: "ideate", author: bo, id: noteId("d"), now: 5 });
    expect(getNotes(content).map((n) => n.id)).toEqual(["d", "a", "b", "c"]);
    expect(getStageNotes(content, "ideate").map((n) => n.id)).toEqual(["d", "a", "c"]);
    expect(getStageNotes(content, "prototype")).toEqual([]);
  });

  it("snapshots meta and notes together", () => {
    const docs = newBoard();
    addNote(docs.content, { stage: "ideate", author: ann, text: "Kiosk", id: noteId("n1"), now: 7 });
    const snap = snapshotWorkshop(docs);
    expect(snap.meta.title).toBe("Clinic queues");
    expect(snap.notes.map((n) => n.text)).toEqual(["Kiosk"]);
    expect(snapshotWorkshop({ content: reloaded(docs.content), control: reloaded(docs.control) })).toEqual(
      snap,
    );
  });
});

describe("notes across peers", () => {
  const twoPeers = () => {
    const a = newBoard();
    const b = createWorkshopDocs();
    syncAll(a.control, b.control);
    const id = addNote(a.content, {
      stage: "empathize",
      text: "Original",
      author: ann,
      x: 1,
      y: 2,
      id: noteId("n1"),
      now: 1,
    });
    syncAll(a.content, b.content);
    return { a, b, id };
  };

  it("a note added on one device appears on the other", () => {
    const { b, id } = twoPeers();
    expect(getNote(b.content, id)).toMatchObject({ text: "Original", authorName: "Ann" });
  });

  it("operations on a note another peer deleted return false and do not bring it back", () => {
    const { a, b, id } = twoPeers();
    deleteNote(a.content, id);
    syncAll(a.content, b.content);
    expect(getNote(b.content, id)).toBeNull();
    noWrite(b.content, () => {
      expect(editNote(b.content, id, "still here?")).toBe(false);
      expect(moveNote(b.content, id, { x: 9, y: 9 })).toBe(false);
      expect(recolorNote(b.content, id, "purple")).toBe(false);
      expect(moveNoteToStage(b.content, id, "test")).toBe(false);
      expect(deleteNote(b.content, id)).toBe(false);
    });
    syncAll(a.content, b.content);
    for (const docs of [a, b]) {
      expect(getNote(docs.content, id)).toBeNull();
      expect(getNotes(docs.content)).toEqual([]);
      expect(docs.content.getMap(CONTENT_KEYS.notes).has(id)).toBe(false);
    }
  });

  it("edits made while another peer concurrently deletes the note do not resurrect it", () => {
    const { a, b, id } = twoPeers();
    deleteNote(a.content, id);
    // b has not heard of the deletion yet: its edits succeed locally...
    expect(editNote(b.content, id, "late edit")).toBe(true);
    expect(moveNote(b.content, id, { x: 50, y: 50 })).toBe(true);
    expect(recolorNote(b.content, id, "blue")).toBe(true);
    expect(moveNoteToStage(b.content, id, "ideate")).toBe(true);
    // ...but once both sides have synced, the note is gone everywhere.
    syncAll(a.content, b.content);
    for (const docs of [a, b]) {
      expect(getNote(docs.content, id)).toBeNull();
      expect(getNotes(docs.content)).toEqual([]);
      expect(getNotes(reloaded(docs.content))).toEqual([]);
    }
  });

  it("a concurrent move and recolor from two devices both survive", () => {
    const { a, b, id } = twoPeers();
    moveNote(a.content, id, { x: 400, y: 250 });
    recolorNote(b.content, id, "orange");
    syncAll(a.content, b.content);
    for (const docs of [a, b]) {
      expect(getNote(docs.content, id)).toMatchObject({ x: 400, y: 250, color: "orange", text: "Original" });
    }
  });

  it("a concurrent edit and move to another stage both survive", () => {
    const { a, b, id } = twoPeers();
    editNote(a.content, id, "Rewritten");
    moveNoteToStage(b.content, id, "prototype");
    syncAll(a.content, b.content);
    for (const docs of [a, b]) {
      expect(getNote(docs.content, id)).toMatchObject({ text: "Rewritten", stage: "prototype" });
      expect(getStageNotes(docs.content, "prototype").map((n) => n.id)).toEqual([id]);
    }
  });

  it("notes added concurrently on two devices all appear on both", () => {
    const { a, b } = twoPeers();
    addNote(a.content, { stage: "ideate", author: ann, text: "from A", id: noteId("a1"), now: 10 });
    addNote(b.content, { stage: "ideate", author: bo, text: "from B", id: noteId("b1"), now: 10 });
    syncAll(a.content, b.content);
    expect(getNotes(a.content).map((n) => n.text)).toEqual(["Original", "from A", "from B"]);
    expect(getNotes(b.content)).toEqual(getNotes(a.content));
  });
});
