import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  createNoteCache,
  deleteNote,
  editNote,
  getNotes,
  moveNote,
  NOTE_COLORS,
  type NoteId,
  recolorNote,
  STAGES,
} from "../../shared";
import { author, mulberry32, pull } from "./helpers";

const me = author("p-me", "Me");

describe("the note cache a board reads from", () => {
  it("returns the same array until something changes, and keeps untouched notes' objects", () => {
    const doc = new Y.Doc();
    const cache = createNoteCache(doc);
    const a = addNote(doc, { stage: "ideate", text: "a", author: me, now: 1 });
    addNote(doc, { stage: "ideate", text: "b", author: me, now: 2 });
    const first = cache.read();
    expect(first.map((n) => n.text)).toEqual(["a", "b"]);
    expect(cache.read()).toBe(first);

    moveNote(doc, a, { x: 40, y: 80 });
    const second = cache.read();
    expect(second).not.toBe(first);
    expect(second[0]).toMatchObject({ x: 40, y: 80 });
    expect(second[1]).toBe(first[1]);
  });

  it("sees changes from other peers, including deletes and malformed writes", () => {
    const local = new Y.Doc();
    const remote = new Y.Doc();
    const cache = createNoteCache(local);
    const id = addNote(remote, { stage: "define", text: "remote", author: me, now: 1 });
    pull(local, remote);
    expect(cache.read().map((n) => n.text)).toEqual(["remote"]);
    // A peer corrupts the note's stage: the board stops showing it, as getNotes does.
    (remote.getMap("notes").get(id) as Y.Map<unknown>).set("stage", "nowhere");
    pull(local, remote);
    expect(cache.read()).toEqual([]);
    (remote.getMap("notes").get(id) as Y.Map<unknown>).set("stage", "define");
    pull(local, remote);
    expect(cache.read().map((n) => n.text)).toEqual(["remote"]);
    deleteNote(remote, id);
    pull(local, remote);
    expect(cache.read()).toEqual([]);
  });

  it("always equals getNotes through hundreds of random edits", () => {
    const doc = new Y.Doc();
    const cache = createNoteCache(doc);
    const random = mulberry32(12345);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const ids: NoteId[] = [];
    for (let step = 0; step < 400; step++) {
      const roll = random();
      if (roll < 0.3 || ids.length === 0) {
        ids.push(addNote(doc, { stage: pick(STAGES), text: `n${step}`, author: me, now: step % 7 }));
      } else if (roll < 0.5) editNote(doc, pick(ids), `edit ${step}`);
      else if (roll < 0.7) moveNote(doc, pick(ids), { x: step, y: -step });
      else if (roll < 0.85) recolorNote(doc, pick(ids), pick(NOTE_COLORS));
      else deleteNote(doc, pick(ids));
      if (step % 3 === 0) expect(cache.read()).toEqual(getNotes(doc));
    }
    expect(cache.read()).toEqual(getNotes(doc));
  });
});
