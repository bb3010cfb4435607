import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import { type PresenceState, readPresence, type StageId } from "../../shared";
import type { Self } from "./context";

export interface Peer extends PresenceState {
  clientId: number;
  isSelf: boolean;
}

const NONE: Peer[] = [];

/** Renders of the presence list and cursors at most this often, however many people move at once. */
const NOTIFY_INTERVAL_MS = 50;

interface PeerStore {
  subscribe(listener: () => void): () => void;
  get(): Peer[];
}

/**
 * One store per awareness, shared by every component reading it. With hundreds of people a change
 * arrives many times a second: states are validated only when their object changed, and listeners are
 * told at once on the first change, then at most every NOTIFY_INTERVAL_MS while changes keep coming.
 */
const stores = new WeakMap<Awareness, PeerStore>();

function peerStore(awareness: Awareness): PeerStore {
  const existing = stores.get(awareness);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  const parsed = new Map<number, { raw: unknown; peer: Peer | null }>();
  let cached: Peer[] = NONE;
  let dirty = true;
  let lastNotify = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const notify = () => {
    lastNotify = Date.now();
    for (const listener of listeners) listener();
  };
  const onChange = () => {
    dirty = true;
    if (timer) return;
    const wait = NOTIFY_INTERVAL_MS - (Date.now() - lastNotify);
    if (wait <= 0) notify();
    else
      timer = setTimeout(() => {
        timer = null;
        notify();
      }, wait);
  };

  const store: PeerStore = {
    subscribe(listener) {
      if (listeners.size === 0) awareness.on("change", onChange);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          awareness.off("change", onChange);
          if (timer) clearTimeout(timer);
          timer = null;
          dirty = true;
        }
      };
    },
    get() {
      if (!dirty) return cached;
      dirty = false;
      const peers: Peer[] = [];
      const states = awareness.getStates();
      for (const [clientId, raw] of states) {
        let entry = parsed.get(clientId);
        if (!entry || entry.raw !== raw) {
          const state = readPresence(raw);
          entry = {
            raw,
            peer: state ? { ...state, clientId, isSelf: clientId === awareness.clientID } : null,
          };
          parsed.set(clientId, entry);
        }
        if (entry.peer) peers.push(entry.peer);
      }
      for (const clientId of parsed.keys()) if (!states.has(clientId)) parsed.delete(clientId);
      cached = peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.clientId - b.clientId);
      return cached;
    },
  };
  stores.set(awareness, store);
  return store;
}

const noStore: PeerStore = { subscribe: () => () => {}, get: () => NONE };

/** Everyone connected (including this client), validated like document data, one entry per client. */
export function usePeers(awareness: Awareness | null): Peer[] {
  const store = awareness ? peerStore(awareness) : noStore;
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** Publishes who this client is and which stage it is on. */
export function usePublishPresence(awareness: Awareness | null, self: Self, stage: StageId): void {
  useEffect(() => {
    if (!awareness) return;
    const previous = awareness.getLocalState() as Partial<PresenceState> | null;
    const hidden = typeof document !== "undefined" && document.visibilityState === "hidden";
    awareness.setLocalState({
      user: { id: self.id, name: self.name, color: self.color, role: self.role },
      stage,
      cursor: previous?.stage === stage && !hidden ? (previous.cursor ?? null) : null,
      // A rename keeps the text caret (client/richtext/carets.ts); a stage change closes the editors.
      ...(previous?.stage === stage && previous.caret ? { caret: previous.caret } : {}),
    } satisfies PresenceState);
  }, [awareness, self.id, self.name, self.color, self.role, stage]);
}

export const CURSOR_INTERVAL_MS = 100;

type Cursor = { x: number; y: number } | null;

const sameCursor = (a: Cursor, b: Cursor) => a === b || (!!a && !!b && a.x === b.x && a.y === b.y);

/**
 * A throttled (≤10 Hz) cursor publisher. `null` hides the cursor and is sent at once. Nothing is sent
 * while the pointer rests (an unchanged position is dropped) or while the tab is hidden: hiding the tab
 * clears the cursor once, and pointer moves are ignored until it is visible again.
 */
export function useCursorPublisher(awareness: Awareness | null) {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<Cursor>(null);
  const hidden = useRef(typeof document !== "undefined" && document.visibilityState === "hidden");

  const publisher = useMemo(() => {
    const cancel = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      pending.current = null;
    };
    const send = (cursor: Cursor) => {
      last.current = Date.now();
      const state = awareness?.getLocalState() as Partial<PresenceState> | null | undefined;
      if (!awareness || !state || sameCursor(state.cursor ?? null, cursor)) return;
      awareness.setLocalStateField("cursor", cursor);
    };
    const publish = (cursor: Cursor) => {
      if (!awareness) return;
      if (cursor === null) {
        cancel();
        send(null);
        return;
      }
      if (hidden.current) return;
      pending.current = cursor;
      const wait = CURSOR_INTERVAL_MS - (Date.now() - last.current);
      if (wait <= 0) {
        send(cursor);
        pending.current = null;
      } else if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          if (pending.current && !hidden.current) send(pending.current);
          pending.current = null;
        }, wait);
      }
    };
    return { publish, cancel };
  }, [awareness]);

  useEffect(() => {
    if (typeof document === "undefined") return;
    const onVisibility = () => {
      hidden.current = document.visibilityState === "hidden";
      if (hidden.current) publisher.publish(null);
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      publisher.cancel();
    };
  }, [publisher]);

  return publisher.publish;
}
