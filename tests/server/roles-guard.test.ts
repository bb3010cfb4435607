import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkCitizenUpdate } from "../../server/guard/content-guard";
import type { NoteId, ParticipantId } from "../../shared/ids";
import { addNote, deleteNote, editNote, moveNote, recolorNote } from "../../shared/model";
import { CONTENT_KEYS, NOTE_KEYS } from "../../shared/schema";

const ALICE = { id: "alice-0000000001" as ParticipantId, name: "Alice" };
const BOB = { id: "bob-000000000001" as ParticipantId, name: "Bob" };

/** A server doc holding one note of Alice and one of Bob, and a citizen's replica of it. */
function setup() {
  const server = new Y.Doc();
  const seed = new Y.Doc();
  const alice = addNote(seed, {
    stage: "empathize",
    text: "alice",
    author: ALICE,
    id: "note-alice" as NoteId,
  });
  const bob = addNote(seed, { stage: "empathize", text: "bob", author: BOB, id: "note-bob" as NoteId });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(seed));
  const citizen = new Y.Doc();
  Y.applyUpdate(citizen, Y.encodeStateAsUpdate(server));
  return { server, citizen, alice, bob };
}

/** What the citizen's doc emits for `fn`, as one update. */
function capture(doc: Y.Doc, fn: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (u: Uint8Array) => updates.push(u);
  doc.on("update", listener);
  fn();
  doc.off("update", listener);
  return Y.mergeUpdates(updates);
}

const verdict = (server: Y.Doc, update: Uint8Array, participantId: string = ALICE.id) =>
  checkCitizenUpdate(server, update, { participantId });

describe("content guard for citizens", () => {
  it("allows adding, editing, moving, recoloring and deleting one's own notes", () => {
    const { server, citizen, alice } = setup();
    const steps: [string, () => void][] = [
      ["add", () => addNote(citizen, { stage: "define", text: "new", author: ALICE })],
      ["edit", () => editNote(citizen, alice, "changed")],
      ["move", () => moveNote(citizen, alice, { x: 10, y: 20 })],
      ["recolor", () => recolorNote(citizen, alice, "blue")],
      ["delete", () => deleteNote(citizen, alice)],
    ];
    for (const [name, step] of steps) {
      const update = capture(citizen, step);
      expect(verdict(server, update), name).toEqual({ ok: true });
      Y.applyUpdate(server, update);
    }
  });

  it("refuses editing, moving, recoloring or deleting someone else's note", () => {
    const { server, citizen, bob } = setup();
    const steps: [string, (doc: Y.Doc) => boolean][] = [
      ["edit", (doc) => editNote(doc, bob, "hijacked")],
      ["move", (doc) => moveNote(doc, bob, { x: 1, y: 1 })],
      ["recolor", (doc) => recolorNote(doc, bob, "pink")],
      ["delete", (doc) => deleteNote(doc, bob)],
    ];
    for (const [name, step] of steps) {
      const fork = new Y.Doc();
      Y.applyUpdate(fork, Y.encodeStateAsUpdate(citizen));
      const update = capture(fork, () => expect(step(fork)).toBe(true));
      const result = verdict(server, update);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/someone else/);
    }
  });

  it("refuses a new note that names someone else as its author, or none", () => {
    const { server, citizen } = setup();
    expect(
      verdict(
        server,
        capture(citizen, () => addNote(citizen, { stage: "ideate", author: BOB })),
      ).ok,
    ).toBe(false);
    const noAuthor = capture(citizen, () => {
      const note = new Y.Map<unknown>();
      note.set(NOTE_KEYS.id, "anon");
      citizen.getMap(CONTENT_KEYS.notes).set("anon", note);
    });
    expect(verdict(server, noAuthor).ok).toBe(false);
  });

  it("refuses replacing someone else's note under its key, and changing an own note's author", () => {
    const { server, citizen, alice, bob } = setup();
    const replace = capture(citizen, () =>
      addNote(citizen, { stage: "ideate", text: "mine now", author: ALICE, id: bob }),
    );
    expect(verdict(server, replace).ok).toBe(false);
    const regift = capture(citizen, () =>
      (citizen.getMap(CONTENT_KEYS.notes).get(alice) as Y.Map<unknown>).set(NOTE_KEYS.authorId, BOB.id),
    );
    expect(verdict(server, regift).ok).toBe(false);
  });

  it("refuses writes to any other top-level type", () => {
    const { server, citizen } = setup();
    for (const write of [
      () => citizen.getMap("meta").set("title", "x"),
      () => citizen.getArray("list").push([1]),
      () => citizen.getText("text").insert(0, "hi"),
      () => citizen.getMap(CONTENT_KEYS.notes).set("junk", 5),
    ]) {
      expect(verdict(server, capture(citizen, write)).ok).toBe(false);
    }
  });

  it("refuses deleting someone else's items through a hand-made delete set, and unknown items", () => {
    const { server, citizen, bob } = setup();
    const bobNote = server.getMap(CONTENT_KEYS.notes).get(bob) as Y.Map<unknown>;
    const item = bobNote._item as Y.Item;
    // A delete-only update: no structs, one delete range covering Bob's note map item.
    expect(verdict(server, deleteOnly(item.id.client, item.id.clock, 1)).ok).toBe(false);
    // The same range is fine for Bob, whose note it is.
    expect(verdict(server, deleteOnly(item.id.client, item.id.clock, 1), BOB.id).ok).toBe(true);
    expect(verdict(server, deleteOnly(999999, 0, 1)).ok).toBe(false);
    void citizen;
  });

  it("refuses structs under another writer's client id", () => {
    const { server, citizen } = setup();
    const claims = new Map<number, string>([[citizen.clientID, BOB.id]]);
    const update = capture(citizen, () => addNote(citizen, { stage: "define", author: ALICE }));
    expect(checkCitizenUpdate(server, update, { participantId: ALICE.id, claims }).ok).toBe(false);
    claims.set(citizen.clientID, ALICE.id);
    expect(checkCitizenUpdate(server, update, { participantId: ALICE.id, claims }).ok).toBe(true);
  });

  it("after a reload, lets a client id continue only if its latest visible item is the citizen's", () => {
    const { server, citizen, alice } = setup();
    // The seed doc wrote both notes under one client id; its latest item is in Bob's note.
    const seedClient = [...server.store.clients.keys()][0] as number;
    const squat = new Y.Doc();
    Y.applyUpdate(squat, Y.encodeStateAsUpdate(server));
    squat.clientID = seedClient; // after the sync: Yjs renames a doc whose id arrives from remote
    const forged = capture(squat, () => editNote(squat, alice, "as the seed client"));
    expect(checkCitizenUpdate(server, forged, { participantId: ALICE.id, claims: new Map() }).ok).toBe(false);
    // Alice's own client, after the server forgot its claims: her latest item is in her note.
    const first = capture(citizen, () => editNote(citizen, alice, "one"));
    Y.applyUpdate(server, first);
    const second = capture(citizen, () => editNote(citizen, alice, "two"));
    expect(checkCitizenUpdate(server, second, { participantId: ALICE.id, claims: new Map() }).ok).toBe(true);
  });
});

/** A V1 update with no structs and one delete range. */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
  const bytes: number[] = [0, 1];
  const varUint = (n: number) => {
    while (n > 0x7f) {
      bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
  };
  varUint(client);
  varUint(1);
  varUint(clock);
  varUint(len);
  return new Uint8Array(bytes);
}
