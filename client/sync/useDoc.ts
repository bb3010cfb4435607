import { useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { createNoteCache, getMeta, type Meta, type Note, type NoteCache, type StageId } from "../../shared";

/**
 * Plain snapshots of a Y.Doc for React. Each doc gets one permanent 'update' listener that bumps a
 * version; a snapshot is recomputed only when the version moved, so renders between updates reuse it.
 */
interface Tracker {
  version: number;
  listeners: Set<() => void>;
}
const trackers = new WeakMap<Y.Doc, Tracker>();

function track(doc: Y.Doc): Tracker {
  let tracker = trackers.get(doc);
  if (!tracker) {
    const created: Tracker = { version: 0, listeners: new Set() };
    doc.on("update", () => {
      created.version++;
      for (const listener of created.listeners) listener();
    });
    trackers.set(doc, created);
    tracker = created;
  }
  return tracker;
}

export function useDocSnapshot<T>(doc: Y.Doc, read: (doc: Y.Doc, previous: T | undefined) => T): T {
  const store = useMemo(() => {
    const tracker = track(doc);
    let version = -1;
    let value: T | undefined;
    return {
      subscribe(listener: () => void) {
        tracker.listeners.add(listener);
        return () => tracker.listeners.delete(listener);
      },
      get(): T {
        if (version !== tracker.version) {
          value = read(doc, value);
          version = tracker.version;
        }
        return value as T;
      },
    };
  }, [doc, read]);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

// One cache per document, shared by every board that reads it; it lives as long as the document.
const noteCaches = new WeakMap<Y.Doc, NoteCache>();

/** Notes with structural sharing: unchanged notes keep their object, so memoized cards skip rendering. */
function readNotes(doc: Y.Doc): Note[] {
  let cache = noteCaches.get(doc);
  if (!cache) {
    cache = createNoteCache(doc);
    noteCaches.set(doc, cache);
  }
  return cache.read();
}

const readMeta = (doc: Y.Doc, previous: Meta | undefined): Meta => {
  const next = getMeta(doc);
  return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
};

export const useNotes = (content: Y.Doc): Note[] => useDocSnapshot(content, readNotes);

export function useStageNotes(content: Y.Doc, stage: StageId): Note[] {
  const notes = useNotes(content);
  return useMemo(() => notes.filter((note) => note.stage === stage), [notes, stage]);
}

export const useMeta = (control: Y.Doc): Meta => useDocSnapshot(control, readMeta);
