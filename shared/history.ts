import * as Y from "yjs";
import { CLUSTERS_KEY } from "./clusters";
import {
  getInterviews,
  getPersonas,
  getPovs,
  getPrototypes,
  type Interview,
  METHOD_KEYS,
  type Persona,
  type Pov,
  type Prototype,
} from "./methods";
import { getMeta, getNotes } from "./model";
import { LOCAL_ORIGIN } from "./origin";
import { CONTENT_KEYS, type StageId } from "./schema";
import type { Note } from "./validate";

/**
 * Undo/redo of one's own changes, and the workshop history (snapshots the server keeps, the summary of
 * what changed between two of them, and restoring one as a new change).
 */

/** Top-level maps of the content document the UI writes and undo/restore cover (never `carets`). */
export const UNDOABLE_COLLECTIONS = [
  CONTENT_KEYS.notes,
  METHOD_KEYS.personas,
  METHOD_KEYS.interviews,
  METHOD_KEYS.povs,
  METHOD_KEYS.prototypes,
  METHOD_KEYS.storyboard,
  CLUSTERS_KEY,
] as const;
export type HistoryCollection = (typeof UNDOABLE_COLLECTIONS)[number];

const RICH_PREFIX = "rt:";

// ---- undo ----

export interface ContentUndo {
  readonly manager: Y.UndoManager;
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  destroy(): void;
}

/** Existing rich-text fragments of a document (top-level `rt:*` XmlFragments). */
function richFragments(doc: Y.Doc): Map<string, Y.XmlFragment> {
  const out = new Map<string, Y.XmlFragment>();
  for (const [key, type] of doc.share)
    if (key.startsWith(RICH_PREFIX) && type instanceof Y.XmlFragment) out.set(key, type);
  return out;
}

/**
 * An undo manager over the content document that tracks only this peer's model writes (`LOCAL_ORIGIN`):
 * other people's edits arriving from the network are never undone. Typing inside a rich-text editor has
 * another origin (Tiptap's own undo covers it); clearing a field when a record is deleted is ours, so
 * rich-text fragments join the scope as they appear and undoing a delete brings their text back.
 */
export function createContentUndo(content: Y.Doc, options: { captureTimeout?: number } = {}): ContentUndo {
  const manager = new Y.UndoManager(
    UNDOABLE_COLLECTIONS.map((key) => content.getMap(key)),
    { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: options.captureTimeout ?? 500 },
  );
  const inScope = new Set<Y.XmlFragment>();
  const widen = () => {
    for (const fragment of richFragments(content).values())
      if (!inScope.has(fragment)) {
        inScope.add(fragment);
        manager.addToScope(fragment as unknown as Y.AbstractType<unknown>);
      }
  };
  widen();
  // Registered after the manager's own listener: a fragment created in this transaction is in scope
  // for the next one (a record's text is always written before the record can be deleted).
  content.on("afterTransaction", widen);
  return {
    manager,
    undo: () => manager.undo() !== null,
    redo: () => manager.redo() !== null,
    canUndo: () => manager.canUndo(),
    canRedo: () => manager.canRedo(),
    destroy() {
      content.off("afterTransaction", widen);
      manager.destroy();
    },
  };
}

// ---- snapshots: what they hold ----

export interface ContentPicture {
  notes: Note[];
  personas: Persona[];
  interviews: Interview[];
  povs: Pov[];
  prototypes: Prototype[];
}

export const pictureContent = (content: Y.Doc): ContentPicture => ({
  notes: getNotes(content),
  personas: getPersonas(content),
  interviews: getInterviews(content),
  povs: getPovs(content),
  prototypes: getPrototypes(content),
});

/** A document rebuilt from a stored `Y.encodeStateAsUpdate`. */
export function decodeDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

// ---- summary (diff between two snapshots) ----

export interface CollectionChanges {
  added: number;
  deleted: number;
  /** Any other field changed (notes: text, color, answers). */
  edited: number;
}
export interface NoteChanges extends CollectionChanges {
  /** Position, stage, method area or cluster changed. */
  moved: number;
}
export interface HistorySummary {
  notes: NoteChanges;
  personas: CollectionChanges;
  interviews: CollectionChanges;
  povs: CollectionChanges;
  prototypes: CollectionChanges;
  /** Rich-text fields whose text changed. */
  richText: number;
}

const NOTE_PLACE_FIELDS = new Set(["x", "y", "stage", "frame", "cluster"]);

const plain = (map: Y.Map<unknown>, key: string): Record<string, unknown> | null => {
  const value = map.get(key);
  return value instanceof Y.Map ? (value.toJSON() as Record<string, unknown>) : null;
};

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push(key);
  return out;
}

function diffCollection(before: Y.Doc | null, after: Y.Doc, key: HistoryCollection): NoteChanges {
  const out: NoteChanges = { added: 0, deleted: 0, edited: 0, moved: 0 };
  const a = before?.getMap<unknown>(key);
  const b = after.getMap<unknown>(key);
  for (const id of b.keys()) {
    const next = plain(b, id);
    if (!next) continue;
    const prev = a ? plain(a, id) : null;
    if (!prev) {
      out.added++;
      continue;
    }
    const fields = changedFields(prev, next);
    if (fields.length === 0) continue;
    if (key === CONTENT_KEYS.notes && fields.some((f) => NOTE_PLACE_FIELDS.has(f))) out.moved++;
    if (key !== CONTENT_KEYS.notes || fields.some((f) => !NOTE_PLACE_FIELDS.has(f))) out.edited++;
  }
  if (a) for (const id of a.keys()) if (plain(a, id) && !plain(b, id)) out.deleted++;
  return out;
}

const fragmentText = (doc: Y.Doc | null, key: string): string =>
  doc?.share.has(key) ? doc.getXmlFragment(key).toString() : "";

const richKeys = (doc: Y.Doc | null): string[] =>
  doc ? [...doc.share.keys()].filter((key) => key.startsWith(RICH_PREFIX)) : [];

/** What changed from `before` (null: an empty workshop) to `after`. */
export function summarizeChanges(before: Y.Doc | null, after: Y.Doc): HistorySummary {
  const strip = ({ moved: _, ...rest }: NoteChanges): CollectionChanges => rest;
  let richText = 0;
  for (const key of new Set([...richKeys(before), ...richKeys(after)]))
    if (fragmentText(before, key) !== fragmentText(after, key)) richText++;
  return {
    notes: diffCollection(before, after, CONTENT_KEYS.notes),
    personas: strip(diffCollection(before, after, METHOD_KEYS.personas)),
    interviews: strip(diffCollection(before, after, METHOD_KEYS.interviews)),
    povs: strip(diffCollection(before, after, METHOD_KEYS.povs)),
    prototypes: strip(diffCollection(before, after, METHOD_KEYS.prototypes)),
    richText,
  };
}

/** "12 notes added, 3 moved, 1 deleted; 1 persona added" (English; the client localizes from the counts). */
export function describeSummary(summary: HistorySummary): string {
  const parts: string[] = [];
  const n = (count: number, one: string) => `${count} ${count === 1 ? one : `${one}s`}`;
  const group = (noun: string, c: CollectionChanges & { moved?: number }) => {
    const bits: string[] = [];
    if (c.added) bits.push(`${n(c.added, noun)} added`);
    if (c.moved) bits.push(`${bits.length ? c.moved : n(c.moved, noun)} moved`);
    if (c.edited) bits.push(`${bits.length ? c.edited : n(c.edited, noun)} edited`);
    if (c.deleted) bits.push(`${bits.length ? c.deleted : n(c.deleted, noun)} deleted`);
    if (bits.length) parts.push(bits.join(", "));
  };
  group("note", summary.notes);
  group("persona", summary.personas);
  group("interview", summary.interviews);
  group("point-of-view statement", summary.povs);
  group("prototype", summary.prototypes);
  if (summary.richText) parts.push(`${n(summary.richText, "text field")} changed`);
  return parts.length ? parts.join("; ") : "no changes";
}

export const isEmptySummary = (summary: HistorySummary): boolean => describeSummary(summary) === "no changes";

// ---- restore ----

function copyMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/** Makes `target`'s fragment hold the same content as `source` (clones: the source is another doc). */
function copyFragment(target: Y.XmlFragment, source: Y.XmlFragment | null): boolean {
  const want = source?.toString() ?? "";
  if (target.toString() === want) return false;
  if (target.length > 0) target.delete(0, target.length);
  if (source && source.length > 0)
    target.insert(
      0,
      source.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText),
    );
  return true;
}

/**
 * Makes the content document equal to a snapshot, as one new change (one `LOCAL_ORIGIN` transaction,
 * so it syncs like any edit and one undo takes it back): records deleted since come back with the same
 * id and fields, records added since are deleted, changed fields are reset, rich-text fields get the
 * snapshot's text. Nothing is rewritten in place of history: every earlier state stays in the document.
 * Returns what it changed (as the summary from the current state to the snapshot).
 */
export function restoreContent(content: Y.Doc, snapshot: Y.Doc): HistorySummary {
  const summary = summarizeChanges(content, snapshot);
  content.transact(() => {
    for (const key of UNDOABLE_COLLECTIONS) {
      const current = content.getMap<unknown>(key);
      const wanted = snapshot.getMap<unknown>(key);
      for (const id of [...current.keys()]) if (!plain(wanted, id)) current.delete(id);
      for (const id of wanted.keys()) {
        const fields = plain(wanted, id);
        if (!fields) continue;
        const live = current.get(id);
        if (!(live instanceof Y.Map)) {
          current.set(id, copyMap(fields));
          continue;
        }
        for (const field of [...live.keys()]) if (!(field in fields)) live.delete(field);
        for (const [field, value] of Object.entries(fields))
          if (JSON.stringify(live.get(field)) !== JSON.stringify(value)) live.set(field, value);
      }
    }
    const wantedText = richFragments(snapshot);
    for (const key of new Set([...richFragments(content).keys(), ...wantedText.keys()]))
      copyFragment(content.getXmlFragment(key), wantedText.get(key) ?? null);
  }, LOCAL_ORIGIN);
  return summary;
}

// ---- REST ----

export type SnapshotReason = "stage" | "periodic" | "restore";

/** One entry of `GET /api/workshops/:id/history` (newest first). */
export interface HistoryEntry {
  id: number;
  at: number;
  reason: SnapshotReason;
  /** The current stage when it was taken. */
  stage: StageId;
  /** What changed since the snapshot before it (the first one: since the empty workshop). */
  summary: HistorySummary;
  /** The summary in English. */
  summaryText: string;
  /** How much the snapshot holds. */
  counts: { notes: number; personas: number; interviews: number; povs: number; prototypes: number };
}

export interface HistoryListResponse {
  entries: HistoryEntry[];
}

/** `GET /api/workshops/:id/history/:snapshotId` and `POST …/restore`: the snapshot for preview and restore. */
export interface HistorySnapshotResponse {
  entry: HistoryEntry;
  title: string;
  content: ContentPicture;
  /** Base64 of the content document's `Y.encodeStateAsUpdate`, for `restoreContent`. */
  state: string;
}

/** `POST /api/workshops/:id/history/:snapshotId/restore`: the snapshot, and the present state as saved first. */
export interface HistoryRestoreResponse extends HistorySnapshotResponse {
  saved: HistoryEntry | null;
}

export const countPicture = (picture: ContentPicture): HistoryEntry["counts"] => ({
  notes: picture.notes.length,
  personas: picture.personas.length,
  interviews: picture.interviews.length,
  povs: picture.povs.length,
  prototypes: picture.prototypes.length,
});

/** The current stage and title of a stored control document. */
export function readControlState(control: Y.Doc): { stage: StageId; title: string } {
  const meta = getMeta(control);
  return { stage: meta.currentStage, title: meta.title };
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
