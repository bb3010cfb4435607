import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createWorkshopDocs,
  deleteNote,
  editNote,
  getMeta,
  getNote,
  getNotes,
  getStageNotes,
  moveNote,
  snapshotWorkshop,
  type WorkshopDocs,
} from "../../shared/model";
import { readPresence } from "../../shared/presence";
import { CONTENT_KEYS, CONTROL_KEYS, LIMITS, META_KEYS, NOTE_KEYS } from "../../shared/schema";
import { isColor, isStage, readMeta, readNote } from "../../shared/validate";
import { noteId, pull, reloaded } from "./helpers";

/**
 * Everything here is written with raw Y types, bypassing the model API, the way a hostile client or an
 * older version of the app could write it. Reading it must never throw and must never hide good notes.
 */

type Fields = Record<string, unknown>;

const notes = (doc: Y.Doc) => doc.getMap<unknown>(CONTENT_KEYS.notes);
const meta = (doc: Y.Doc) => doc.getMap<unknown>(CONTROL_KEYS.meta);

const goodNote = (id: string): Fields => ({
  [NOTE_KEYS.id]: id,
  [NOTE_KEYS.stage]: "ideate",
  [NOTE_KEYS.text]: `text of ${id}`,
  [NOTE_KEYS.color]: "blue",
  [NOTE_KEYS.x]: 10,
  [NOTE_KEYS.y]: 20,
  [NOTE_KEYS.authorId]: "p-1",
  [NOTE_KEYS.authorName]: "Ann",
  [NOTE_KEYS.createdAt]: 100,
});

/** Writes a note Y.Map under `key` with exactly the given fields (undefined fields left out). */
function rawNote(doc: Y.Doc, key: string, fields: Fields): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) map.set(k, v);
    notes(doc).set(key, map);
  });
}

/** A board that holds one good note next to whatever `write` puts there, as received by another peer. */
function hostileBoard(write: (docs: WorkshopDocs) => void): { local: WorkshopDocs; remote: WorkshopDocs } {
  const local = createWorkshopDocs();
  rawNote(local.content, "good", goodNote("good"));
  write(local);
  const remote = createWorkshopDocs();
  pull(remote.content, local.content);
  pull(remote.control, local.control);
  return { local, remote };
}

/** Reads both sides and checks they agree and never throw. */
function readBoth(board: { local: WorkshopDocs; remote: WorkshopDocs }) {
  const local = snapshotWorkshop(board.local);
  expect(snapshotWorkshop(board.remote)).toEqual(local);
  return local;
}

describe("reading notes written by hostile or older peers", () => {
  it("reads a note whose fields have the wrong types, falling back to defaults", () => {
    const board = hostileBoard(({ content }) =>
      rawNote(content, "n1", {
        ...goodNote("n1"),
        text: 42,
        color: 7,
        x: "10",
        y: null,
        authorId: { evil: true },
        authorName: ["A", "n", "n"],
        createdAt: "yesterday",
      }),
    );
    const { notes: shown } = readBoth(board);
    expect(shown.find((n) => n.id === "n1")).toEqual({
      id: "n1",
      stage: "ideate",
      text: "",
      color: "yellow",
      x: 0,
      y: 0,
      authorId: "",
      authorName: "",
      createdAt: 0,
    });
    expect(shown.map((n) => n.id)).toEqual(["n1", "good"]);
  });

  it("reads a note with only an id and a stage", () => {
    const board = hostileBoard(({ content }) => rawNote(content, "n1", { id: "n1", stage: "define" }));
    expect(getNote(board.remote.content, noteId("n1"))).toEqual({
      id: "n1",
      stage: "define",
      text: "",
      color: "yellow",
      x: 0,
      y: 0,
      authorId: "",
      authorName: "",
      createdAt: 0,
    });
    expect(getStageNotes(board.remote.content, "define").map((n) => n.id)).toEqual(["n1"]);
  });

  it("leaves out notes without an id or a stage, and keeps the good ones", () => {
    const board = hostileBoard(({ content }) => {
      rawNote(content, "no-id", { ...goodNote("no-id"), id: undefined });
      rawNote(content, "empty-id", { ...goodNote("empty-id"), id: "" });
      rawNote(content, "numeric-id", { ...goodNote("numeric-id"), id: 5 });
      rawNote(content, "no-stage", { ...goodNote("no-stage"), stage: undefined });
      rawNote(content, "empty", {});
    });
    const { notes: shown } = readBoth(board);
    expect(shown.map((n) => n.id)).toEqual(["good"]);
    for (const key of ["no-id", "empty-id", "numeric-id", "no-stage", "empty"]) {
      expect(getNote(board.remote.content, noteId(key))).toBeNull();
    }
  });

  it("replaces NaN and infinite positions with the origin", () => {
    const board = hostileBoard(({ content }) => {
      rawNote(content, "nan", { ...goodNote("nan"), x: Number.NaN, y: Number.NaN });
      rawNote(content, "inf", {
        ...goodNote("inf"),
        x: Number.POSITIVE_INFINITY,
        y: Number.NEGATIVE_INFINITY,
        createdAt: Number.POSITIVE_INFINITY,
      });
      rawNote(content, "big", { ...goodNote("big"), x: 10n, y: -0 });
    });
    readBoth(board);
    for (const key of ["nan", "inf", "big"]) {
      const note = getNote(board.remote.content, noteId(key));
      expect(note).not.toBeNull();
      expect(Number.isFinite(note?.x)).toBe(true);
      expect(Number.isFinite(note?.y)).toBe(true);
      expect(Math.abs(note?.x ?? 1)).toBe(0);
      expect(Math.abs(note?.y ?? 1)).toBe(0);
    }
    expect(getNote(board.remote.content, noteId("inf"))?.createdAt).toBe(0);
  });

  it("shows an unknown color as yellow", () => {
    const board = hostileBoard(({ content }) => {
      rawNote(content, "n1", { ...goodNote("n1"), color: "magenta" });
      rawNote(content, "n2", { ...goodNote("n2"), color: "#ff00ff" });
    });
    readBoth(board);
    expect(getNote(board.remote.content, noteId("n1"))?.color).toBe("yellow");
    expect(getNote(board.remote.content, noteId("n2"))?.color).toBe("yellow");
  });

  it("leaves out a note in an unknown stage without hiding the others", () => {
    const board = hostileBoard(({ content }) => {
      rawNote(content, "n1", { ...goodNote("n1"), stage: "reflect" });
      rawNote(content, "n2", { ...goodNote("n2"), stage: 3 });
    });
    const { notes: shown } = readBoth(board);
    expect(shown.map((n) => n.id)).toEqual(["good"]);
    expect(getStageNotes(board.remote.content, "ideate").map((n) => n.id)).toEqual(["good"]);
  });

  it("ignores a note whose id field disagrees with its key", () => {
    const board = hostileBoard(({ content }) => {
      // A forged copy claiming to be "good", and one claiming an id nobody uses.
      rawNote(content, "forged", { ...goodNote("good"), text: "I am the good note now" });
      rawNote(content, "other", goodNote("elsewhere"));
    });
    const { notes: shown } = readBoth(board);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ id: "good", text: "text of good" });
    for (const docs of [board.local, board.remote]) {
      expect(getNote(docs.content, noteId("forged"))).toBeNull();
      expect(getNote(docs.content, noteId("other"))).toBeNull();
      expect(getNote(docs.content, noteId("elsewhere"))).toBeNull();
      expect(getNote(docs.content, noteId("good"))?.text).toBe("text of good");
    }
  });

  it("skips values in the notes map that are not note maps", () => {
    const board = hostileBoard(({ content }) =>
      content.transact(() => {
        const map = notes(content);
        map.set("string", "just a string");
        map.set("number", 42);
        map.set("null", null);
        map.set("bool", true);
        map.set("bytes", new Uint8Array([1, 2, 3]));
        map.set("plain", goodNote("plain"));
        map.set("array", Y.Array.from([goodNote("array")]));
        map.set("text", new Y.Text("hello"));
      }),
    );
    const { notes: shown } = readBoth(board);
    expect(shown.map((n) => n.id)).toEqual(["good"]);
    const { content } = board.remote;
    for (const key of ["string", "number", "null", "bool", "bytes", "plain", "array", "text"]) {
      const id = noteId(key);
      expect(getNote(content, id)).toBeNull();
      expect(editNote(content, id, "x")).toBe(false);
      expect(moveNote(content, id, { x: 1, y: 1 })).toBe(false);
    }
    // Junk can still be cleared away.
    expect(deleteNote(content, noteId("plain"))).toBe(true);
    expect(notes(content).has("plain")).toBe(false);
    expect(getNotes(content).map((n) => n.id)).toEqual(["good"]);
  });

  it("clamps over-long note text and author names", () => {
    const board = hostileBoard(({ content }) =>
      rawNote(content, "n1", {
        ...goodNote("n1"),
        text: "t".repeat(LIMITS.noteTextLength * 3),
        authorName: "n".repeat(1000),
      }),
    );
    readBoth(board);
    const note = getNote(board.remote.content, noteId("n1"));
    expect(note?.text).toBe("t".repeat(LIMITS.noteTextLength));
    expect(note?.authorName).toBe("n".repeat(LIMITS.displayNameLength));
  });

  it("does not show half an emoji when clamping over-long text", () => {
    const board = hostileBoard(({ content }) =>
      rawNote(content, "n1", { ...goodNote("n1"), text: `${"a".repeat(LIMITS.noteTextLength - 1)}😀😀` }),
    );
    expect(getNote(board.remote.content, noteId("n1"))?.text).toBe("a".repeat(LIMITS.noteTextLength - 1));
  });

  it("reads text stored as Y.Text by an older version as plain text", () => {
    const board = hostileBoard(({ content }) =>
      rawNote(content, "n1", { ...goodNote("n1"), text: new Y.Text("collaborative text") }),
    );
    readBoth(board);
    expect(getNote(board.remote.content, noteId("n1"))?.text).toBe("collaborative text");
  });

  it("readNote turns arbitrary junk into null without throwing", () => {
    const junk: unknown[] = [undefined, null, 0, "note", true, [], [goodNote("x")], () => 1, Symbol("s")];
    for (const value of junk) expect(readNote(value)).toBeNull();
    expect(readNote(goodNote("x"))).toMatchObject({ id: "x", stage: "ideate" });
  });
});

describe("reading workshop meta written by hostile or older peers", () => {
  const defaults = { schemaVersion: 0, title: "", challenge: "", createdAt: 0, currentStage: "empathize" };

  it("reads an empty control document as an untitled workshop in the first stage", () => {
    const docs = createWorkshopDocs();
    expect(getMeta(docs.control)).toEqual(defaults);
    expect(snapshotWorkshop(docs)).toEqual({ meta: defaults, notes: [] });
  });

  it("reads meta from an older version (schemaVersion 0, no stage yet)", () => {
    const board = hostileBoard(({ control }) =>
      control.transact(() => {
        meta(control).set(META_KEYS.schemaVersion, 0);
        meta(control).set(META_KEYS.title, "Old workshop");
        meta(control).set(META_KEYS.createdAt, 12345);
      }),
    );
    expect(readBoth(board).meta).toEqual({ ...defaults, title: "Old workshop", createdAt: 12345 });
  });

  it("falls back field by field when meta holds wrong types and unknown values", () => {
    const board = hostileBoard(({ control }) =>
      control.transact(() => {
        const m = meta(control);
        m.set(META_KEYS.schemaVersion, "one");
        m.set(META_KEYS.title, 404);
        m.set(META_KEYS.challenge, "c".repeat(LIMITS.challengeLength + 100));
        m.set(META_KEYS.createdAt, Number.NaN);
        m.set(META_KEYS.currentStage, "reflect");
        m.set("somethingNew", { from: "the future" });
      }),
    );
    expect(readBoth(board).meta).toEqual({ ...defaults, challenge: "c".repeat(LIMITS.challengeLength) });
  });

  it("clamps an over-long title", () => {
    const board = hostileBoard(({ control }) => meta(control).set(META_KEYS.title, "T".repeat(10_000)));
    expect(readBoth(board).meta.title).toBe("T".repeat(LIMITS.titleLength));
  });

  it("readMeta turns arbitrary junk into defaults without throwing", () => {
    for (const value of [undefined, null, 0, "meta", true, [], [1, 2]])
      expect(readMeta(value)).toEqual(defaults);
  });
});

describe("isStage / isColor", () => {
  it("accept only the known stages and colors", () => {
    expect(isStage("ideate")).toBe(true);
    expect(isStage("Ideate")).toBe(false);
    expect(isStage(undefined)).toBe(false);
    expect(isColor("pink")).toBe(true);
    expect(isColor("#ff00ff")).toBe(false);
    expect(isColor(3)).toBe(false);
  });
});

describe("readPresence", () => {
  const valid = {
    user: { id: "p-1", name: "Ann", color: "#1d4ed8", role: "team" },
    stage: "define",
    cursor: { x: 12, y: 34.5 },
  };

  it("reads a well-formed presence state", () => {
    expect(readPresence(valid)).toEqual(valid);
    expect(readPresence({ ...valid, cursor: null })).toEqual({ ...valid, cursor: null });
  });

  it("returns null for junk without throwing", () => {
    const junk: unknown[] = [
      undefined,
      null,
      0,
      "presence",
      [],
      {},
      { user: null },
      { user: "Ann" },
      { user: {} },
      { user: { ...valid.user, id: "" } },
      { user: { ...valid.user, id: "x".repeat(65) } },
      { user: { ...valid.user, id: 7 } },
      { user: { ...valid.user, name: undefined } },
      { user: { ...valid.user, name: 42 } },
    ];
    for (const value of junk) expect(readPresence(value)).toBeNull();
  });

  it("falls back for a bad color, role, stage or cursor", () => {
    expect(
      readPresence({
        user: { id: "p-1", name: "Ann", color: "red", role: "admin" },
        stage: "reflect",
        cursor: { x: Number.NaN, y: 1 },
      }),
    ).toEqual({
      user: { id: "p-1", name: "Ann", color: "#6b7280", role: "citizen" },
      stage: "empathize",
      cursor: null,
    });
    expect(readPresence({ ...valid, cursor: { x: Number.POSITIVE_INFINITY, y: 0 } })?.cursor).toBeNull();
    expect(readPresence({ ...valid, cursor: "top-left" })?.cursor).toBeNull();
    expect(readPresence({ ...valid, cursor: undefined })?.cursor).toBeNull();
    expect(readPresence({ user: valid.user })).toEqual({
      user: valid.user,
      stage: "empathize",
      cursor: null,
    });
  });

  it("clamps an over-long display name", () => {
    const state = readPresence({ ...valid, user: { ...valid.user, name: "N".repeat(500) } });
    expect(state?.user.name).toBe("N".repeat(LIMITS.displayNameLength));
  });
});

describe("a board read back after a reload", () => {
  it("shows the same hostile board from its encoded state", () => {
    const board = hostileBoard(({ content }) => {
      rawNote(content, "n1", { ...goodNote("n1"), x: Number.NaN, color: 1 });
      notes(content).set("junk", 5);
    });
    expect(getNotes(reloaded(board.local.content))).toEqual(getNotes(board.local.content));
  });
});
