import * as Y from "yjs";
import { type NoteId, newNoteId, type ParticipantId } from "./ids";
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

export const moveNote = (content: Y.Doc, id: NoteId, to: { x: number; y: number }): boolean =>
  updateNote(content, id, (note) => {
    note.set(NOTE_KEYS.x, finiteOr(to.x, 0));
    note.set(NOTE_KEYS.y, finiteOr(to.y, 0));
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
export function getNotes(content: Y.Doc): Note[] {
  const out: Note[] = [];
  for (const [key, value] of notesMap(content).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const note = readNote(value.toJSON());
    // The map key is the identity; an id field that disagrees was forged or corrupted.
    if (note && note.id === key) out.push(note);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
