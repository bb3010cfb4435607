import * as Y from "yjs";
import { type NoteId, newNoteId, type ParticipantId } from "./ids";
import { isFrame } from "./methods";
import { LOCAL_ORIGIN } from "./origin";
import {
  CONTENT_KEYS,
  CONTROL_KEYS,
  LIMITS,
  META_KEYS,
  NOTE_KEYS,
  type NoteColor,
  SCHEMA_VERSION,
  type StageId,
} from "./schema";
import { clampText } from "./text";
import { isColor, isStage, type Meta, type Note, readMeta, readNote } from "./validate";

/**
 * The typed API over a workshop's documents: the only code that touches Y types. Every write is one
 * transaction with LOCAL_ORIGIN, so one user action is one undo step and one network update.
 */

export interface WorkshopDocs {
  content: Y.Doc;
  control: Y.Doc;
}

export interface Author {
  id: ParticipantId;
  name: string;
}

export interface NewNote {
  stage: StageId;
  text?: string;
  color?: NoteColor;
  x?: number;
  y?: number;
  author: Author;
  /** Method area it sits in (see shared/methods.ts); invalid frames are left out. */
  frame?: string;
  /** The HMW note an idea answers. */
  answers?: NoteId;
  /** Fixed ids make randomized tests reproducible; the UI leaves it out. */
  id?: NoteId;
  now?: number;
}

type NoteMap = Y.Map<unknown>;

export const createWorkshopDocs = (): WorkshopDocs => ({ content: new Y.Doc(), control: new Y.Doc() });

const metaMap = (control: Y.Doc) => control.getMap<unknown>(CONTROL_KEYS.meta);
const notesMap = (content: Y.Doc) => content.getMap<NoteMap>(CONTENT_KEYS.notes);

const write = (doc: Y.Doc, fn: () => void) => doc.transact(fn, LOCAL_ORIGIN);

const finiteOr = (value: number | undefined, fallback: number) =>
  typeof value === "number" && Number.isFinite(value) ? value : fallback;

// ---- control document ----

export function initWorkshop(control: Y.Doc, init: { title: string; challenge: string; now?: number }): void {
  write(control, () => {
    const meta = metaMap(control);
    meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
    meta.set(META_KEYS.title, clampText(init.title, LIMITS.titleLength));
    meta.set(META_KEYS.challenge, clampText(init.challenge, LIMITS.challengeLength));
    meta.set(META_KEYS.createdAt, init.now ?? Date.now());
    meta.set(META_KEYS.currentStage, "empathize");
  });
}

export function renameWorkshop(control: Y.Doc, title: string): void {
  write(control, () => metaMap(control).set(META_KEYS.title, clampText(title, LIMITS.titleLength)));
}

export function setChallenge(control: Y.Doc, challenge: string): void {
  write(control, () =>
    metaMap(control).set(META_KEYS.challenge, clampText(challenge, LIMITS.challengeLength)),
  );
}

export function moveToStage(control: Y.Doc, stage: StageId): void {
  if (!isStage(stage)) throw new RangeError(`unknown stage: ${String(stage)}`);
  write(control, () => metaMap(control).set(META_KEYS.currentStage, stage));
}

/** Pins the "How might we…" note everyone works on from Ideate on (null unpins). Facilitators only. */
export function pinFocusQuestion(control: Y.Doc, noteId: NoteId | null): void {
  write(control, () => {
    if (noteId === null) metaMap(control).delete(META_KEYS.focusHmw);
    else metaMap(control).set(META_KEYS.focusHmw, noteId);
  });
}

export const getMeta = (control: Y.Doc): Meta => readMeta(metaMap(control).toJSON());

// ---- content document ----

export function addNote(content: Y.Doc, input: NewNote): NoteId {
  if (!isStage(input.stage)) throw new RangeError(`unknown stage: ${String(input.stage)}`);
  const id = input.id ?? newNoteId();
  write(content, () => {
    const note = new Y.Map<unknown>();
    note.set(NOTE_KEYS.id, id);
    note.set(NOTE_KEYS.stage, input.stage);
    note.set(NOTE_KEYS.text, clampText(input.text ?? "", LIMITS.noteTextLength));
    note.set(NOTE_KEYS.color, isColor(input.color) ? input.color : "yellow");
    note.set(NOTE_KEYS.x, finiteOr(input.x, 0));
    note.set(NOTE_KEYS.y, finiteOr(input.y, 0));
    note.set(NOTE_KEYS.authorId, input.author.id);
    note.set(NOTE_KEYS.authorName, clampText(input.author.name, LIMITS.displayNameLength));
    note.set(NOTE_KEYS.createdAt, input.now ?? Date.now());
    if (isFrame(input.frame)) note.set(NOTE_KEYS.frame, input.frame);
    if (input.answers) note.set(NOTE_KEYS.answers, input.answers);
    notesMap(content).set(id, note);
  });
  return id;
}

/** Runs `fn` on the note's map in one transaction; false when the note is gone (deleted by someone else). */
function updateNote(content: Y.Doc, id: NoteId, fn: (note: NoteMap) => void): boolean {
  const note = notesMap(content).get(id);
  // A map whose id field disagrees with its key is forged and invisible on the board: leave it alone.
  if (!(note instanceof Y.Map) || note.get(NOTE_KEYS.id) !== id) return false;
  write(content, () => fn(note));
  return true;
}

export const editNote = (content: Y.Doc, id: NoteId, text: string): boolean =>
  updateNote(content, id, (note) => note.set(NOTE_KEYS.text, clampText(text, LIMITS.noteTextLength)));

/** Moves a note; `frame` (a method area, or null for none) changes with it in the same transaction. */
export const moveNote = (
  content: Y.Doc,
  id: NoteId,
  to: { x: number; y: number; frame?: string | null },
): boolean =>
  updateNote(content, id, (note) => {
    note.set(NOTE_KEYS.x, finiteOr(to.x, 0));
    note.set(NOTE_KEYS.y, finiteOr(to.y, 0));
    if (to.frame === null) {
      if (note.has(NOTE_KEYS.frame)) note.delete(NOTE_KEYS.frame);
    } else if (isFrame(to.frame) && note.get(NOTE_KEYS.frame) !== to.frame)
      note.set(NOTE_KEYS.frame, to.frame);
  });

/** Puts a note into a method area (null: out of every area). */
export const setNoteFrame = (content: Y.Doc, id: NoteId, frame: string | null): boolean =>
  (frame === null || isFrame(frame)) &&
  updateNote(content, id, (note) => {
    if (frame === null) note.delete(NOTE_KEYS.frame);
    else note.set(NOTE_KEYS.frame, frame);
  });

/** Links an idea note to the HMW note it answers (null: unlink). */
export const setNoteAnswers = (content: Y.Doc, id: NoteId, hmw: NoteId | null): boolean =>
  updateNote(content, id, (note) => {
    if (hmw === null) note.delete(NOTE_KEYS.answers);
    else note.set(NOTE_KEYS.answers, hmw);
  });

export const recolorNote = (content: Y.Doc, id: NoteId, color: NoteColor): boolean =>
  isColor(color) && updateNote(content, id, (note) => note.set(NOTE_KEYS.color, color));

export const moveNoteToStage = (content: Y.Doc, id: NoteId, stage: StageId): boolean =>
  isStage(stage) && updateNote(content, id, (note) => note.set(NOTE_KEYS.stage, stage));

export function deleteNote(content: Y.Doc, id: NoteId): boolean {
  const notes = notesMap(content);
  if (!notes.has(id)) return false;
  write(content, () => notes.delete(id));
  return true;
}

export function getNote(content: Y.Doc, id: NoteId): Note | null {
  const value = notesMap(content).get(id);
  const note = value instanceof Y.Map ? readNote(value.toJSON()) : null;
  // Same identity rule as getNotes: an id field that disagrees with its key is not this note.
  return note && note.id === id ? note : null;
}

/** All readable notes, oldest first; malformed entries are left out. */
/** The note stored under `key`, or null when it is missing or unreadable. */
function readNoteAt(notes: Y.Map<NoteMap>, key: string): Note | null {
  const value = notes.get(key);
  if (!(value instanceof Y.Map)) return null;
  const note = readNote(value.toJSON());
  // The map key is the identity; an id field that disagrees was forged or corrupted.
  return note && note.id === key ? note : null;
}

const byCreation = (a: Note, b: Note) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** All readable notes, oldest first; malformed entries are left out. */
export function getNotes(content: Y.Doc): Note[] {
  const notes = notesMap(content);
  const out: Note[] = [];
  for (const key of notes.keys()) {
    const note = readNoteAt(notes, key);
    if (note) out.push(note);
  }
  return out.sort(byCreation);
}

const sameFields = (a: Note, b: Note) => {
  const keys = Object.keys(a) as (keyof Note)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

export interface NoteCache {
  /** Same result as `getNotes`; the same array while nothing changed, and unchanged notes keep their object. */
  read(): Note[];
  dispose(): void;
}

/**
 * `getNotes` kept current from the document's own change events: a change re-reads only the notes it
 * touched, so dragging one note on a 5,000-note board validates one note per write, not all of them.
 */
export function createNoteCache(content: Y.Doc): NoteCache {
  const notes = notesMap(content);
  const cache = new Map<string, Note>();
  // null: read everything on the next read.
  let dirty: Set<string> | null = null;
  let list: Note[] = [];
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (dirty === null) return;
    for (const event of events) {
      if (event.target === notes && event instanceof Y.YMapEvent)
        for (const key of event.keysChanged) dirty.add(key);
      else if (typeof event.path[0] === "string") dirty.add(event.path[0]);
      else dirty = null;
      if (dirty === null) return;
    }
  };
  notes.observeDeep(observer);
  return {
    read() {
      if (dirty !== null && dirty.size === 0) return list;
      const keys = dirty ?? new Set([...cache.keys(), ...notes.keys()]);
      dirty = new Set();
      let changed = false;
      for (const key of keys) {
        const before = cache.get(key);
        const note = readNoteAt(notes, key);
        if (!note) {
          changed = cache.delete(key) || changed;
        } else if (!before || !sameFields(before, note)) {
          cache.set(key, note);
          changed = true;
        }
      }
      if (changed) list = [...cache.values()].sort(byCreation);
      return list;
    },
    dispose: () => notes.unobserveDeep(observer),
  };
}

export const getStageNotes = (content: Y.Doc, stage: StageId): Note[] =>
  getNotes(content).filter((note) => note.stage === stage);

export interface WorkshopSnapshot {
  meta: Meta;
  notes: Note[];
}

/** A plain, comparable picture of the whole workshop. */
export const snapshotWorkshop = (docs: WorkshopDocs): WorkshopSnapshot => ({
  meta: getMeta(docs.control),
  notes: getNotes(docs.content),
});
