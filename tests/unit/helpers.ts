import * as Y from "yjs";
import type { NoteId, ParticipantId } from "../../shared/ids";
import type { Author } from "../../shared/model";

/** Origin for updates that arrived from another peer in these tests. */
export const REMOTE = Symbol("test-remote");

export const author = (id: string, name = id): Author => ({ id: id as ParticipantId, name });
export const noteId = (id: string): NoteId => id as NoteId;

/** Sends `from`'s missing updates to `to`, the way sync step 1/2 does: state vector in, diff out. */
export function pull(to: Y.Doc, from: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);
}

/** Two-way sync of any number of docs. */
export function syncAll(...docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) pull(a, b);
}

/** A doc holding exactly what `doc` would send a newcomer. */
export function reloaded(doc: Y.Doc): Y.Doc {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc), REMOTE);
  return fresh;
}

export interface Recorded {
  updates: number;
  origins: unknown[];
  stop: () => void;
}

/** Counts network updates and transaction origins on `doc` until `stop()`. */
export function record(doc: Y.Doc): Recorded {
  const rec: Recorded = { updates: 0, origins: [], stop: () => {} };
  const onUpdate = () => {
    rec.updates++;
  };
  const onTransaction = (tr: Y.Transaction) => {
    rec.origins.push(tr.origin);
  };
  doc.on("update", onUpdate);
  doc.on("afterTransaction", onTransaction);
  rec.stop = () => {
    doc.off("update", onUpdate);
    doc.off("afterTransaction", onTransaction);
  };
  return rec;
}

/** mulberry32: a tiny seeded PRNG, so a failing run names the seed that reproduces it. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
