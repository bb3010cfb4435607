import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import { type PresenceState, readPresence, type StageId } from "../../shared";
import type { Self } from "./context";

export interface Peer extends PresenceState {
  clientId: number;
  isSelf: boolean;
}

const NONE: Peer[] = [];

/** Everyone connected (including this client), validated like document data, one entry per client. */
export function usePeers(awareness: Awareness | null): Peer[] {
  const store = useMemo(() => {
    let cached: Peer[] = NONE;
    let dirty = true;
    return {
      subscribe(listener: () => void) {
        if (!awareness) return () => {};
        const onChange = () => {
          dirty = true;
          listener();
        };
        awareness.on("change", onChange);
        return () => awareness.off("change", onChange);
      },
      get(): Peer[] {
        if (!awareness) return NONE;
        if (dirty) {
          dirty = false;
          const peers: Peer[] = [];
          for (const [clientId, raw] of awareness.getStates()) {
            const state = readPresence(raw);
            if (state) peers.push({ ...state, clientId, isSelf: clientId === awareness.clientID });
          }
          cached = peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.clientId - b.clientId);
        }
        return cached;
      },
    };
  }, [awareness]);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** Publishes who this client is and which stage it is on. */
export function usePublishPresence(awareness: Awareness | null, self: Self, stage: StageId): void {
  useEffect(() => {
    if (!awareness) return;
    const previous = awareness.getLocalState() as Partial<PresenceState> | null;
    awareness.setLocalState({
      user: { id: self.id, name: self.name, color: self.color, role: self.role },
      stage,
      cursor: previous?.stage === stage ? (previous.cursor ?? null) : null,
    } satisfies PresenceState);
  }, [awareness, self.id, self.name, self.color, self.role, stage]);
}

const CURSOR_INTERVAL_MS = 100;

/** A throttled (≤10 Hz) cursor publisher; `null` hides the cursor and is sent at once. */
export function useCursorPublisher(awareness: Awareness | null) {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ x: number; y: number } | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useMemo(() => {
    const send = (cursor: { x: number; y: number } | null) => {
      last.current = Date.now();
      if (awareness?.getLocalState()) awareness.setLocalStateField("cursor", cursor);
    };
    return (cursor: { x: number; y: number } | null) => {
      if (!awareness) return;
      if (cursor === null) {
        if (timer.current) clearTimeout(timer.current);
        timer.current = null;
        pending.current = null;
        send(null);
        return;
      }
      pending.current = cursor;
      const wait = CURSOR_INTERVAL_MS - (Date.now() - last.current);
      if (wait <= 0) {
        send(cursor);
        pending.current = null;
      } else if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          if (pending.current) send(pending.current);
          pending.current = null;
        }, wait);
      }
    };
  }, [awareness]);
}
