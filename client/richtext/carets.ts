import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { LOCAL_ORIGIN, METHOD_KEYS, readPresence } from "../../shared";

/**
 * Where other people's text carets come from. The caret plugin (y-tiptap's `yCursorPlugin`, through
 * `@tiptap/extension-collaboration-caret`) expects an awareness with `{ user, cursor: { anchor, head } }`
 * states. Our presence can't carry it: the server's presence hub validates every state against
 * `readPresence` (unknown fields are dropped) and only re-sends a state when the board pointer or the
 * person changed. Until the hub relays a `caret` field (see the report), carets travel in the content
 * document's top-level `carets` map, one small entry per editing client, and are shown only for clients
 * that are present right now, with the name and color of their presence. Only people who may edit rich
 * text (team, facilitators) write here; a read-only editor never has focus to publish a caret.
 */

interface CaretEntry {
  field: string;
  anchor: unknown;
  head: unknown;
  at: number;
}

const STALE_MS = 10 * 60_000;

const readEntry = (raw: unknown): CaretEntry | null => {
  if (!raw || typeof raw !== "object") return null;
  const e = raw as Partial<CaretEntry>;
  return typeof e.field === "string" && e.anchor && e.head && typeof e.at === "number"
    ? (e as CaretEntry)
    : null;
};

type Listener = (...args: unknown[]) => void;

/** The awareness-shaped object the caret plugin reads and writes, scoped to one rich-text field. */
export class CaretChannel {
  readonly doc: Y.Doc;
  readonly clientID: number;
  private readonly map: Y.Map<unknown>;
  private readonly listeners = new Set<Listener>();
  private local: { anchor: unknown; head: unknown } | null = null;

  constructor(
    private readonly presence: Awareness,
    doc: Y.Doc,
    private readonly field: string,
    private readonly writable: boolean,
  ) {
    this.doc = doc;
    this.clientID = doc.clientID;
    this.map = doc.getMap<unknown>(METHOD_KEYS.carets);
    this.map.observe(this.emit);
    presence.on("change", this.onPresence);
    if (writable) this.sweep();
  }

  private emit = () => {
    for (const listener of this.listeners) listener({ added: [], updated: [], removed: [] }, "local");
  };

  /** Board pointers move many times a second: redraw only when someone with a caret here came, changed or left. */
  private onPresence = (change: { added: number[]; updated: number[]; removed: number[] }) => {
    const ids = [...change.added, ...change.updated, ...change.removed];
    if (ids.some((id) => id !== this.clientID && this.map.has(String(id)))) this.emit();
  };

  /** Drops entries left behind by clients that vanished without cleaning up (crash, lost network). */
  private sweep() {
    const now = Date.now();
    const stale: string[] = [];
    for (const [key, raw] of this.map.entries()) {
      const entry = readEntry(raw);
      if (!entry || now - entry.at > STALE_MS) stale.push(key);
    }
    if (!stale.length) return;
    this.doc.transact(() => {
      for (const key of stale) this.map.delete(key);
    }, LOCAL_ORIGIN);
  }

  getLocalState() {
    return { user: this.user(this.clientID), cursor: this.local };
  }

  setLocalStateField(field: string, value: unknown) {
    if (field !== "cursor" || !this.writable) return;
    const key = String(this.clientID);
    const cursor = value as { anchor: unknown; head: unknown } | null;
    this.local = cursor;
    this.doc.transact(() => {
      if (cursor)
        this.map.set(key, { field: this.field, anchor: cursor.anchor, head: cursor.head, at: Date.now() });
      else if (readEntry(this.map.get(key))?.field === this.field) this.map.delete(key);
    }, LOCAL_ORIGIN);
  }

  private user(clientId: number) {
    const state = readPresence(this.presence.getStates().get(clientId));
    return state ? { name: state.user.name, color: state.user.color } : null;
  }

  getStates(): Map<number, { user: { name: string; color: string }; cursor: unknown }> {
    const states = new Map<number, { user: { name: string; color: string }; cursor: unknown }>();
    for (const [key, raw] of this.map.entries()) {
      const clientId = Number(key);
      const entry = readEntry(raw);
      if (!entry || entry.field !== this.field || clientId === this.clientID) continue;
      const user = this.user(clientId);
      if (user) states.set(clientId, { user, cursor: { anchor: entry.anchor, head: entry.head } });
    }
    return states;
  }

  get states() {
    return this.getStates();
  }

  on(_event: string, listener: Listener) {
    this.listeners.add(listener);
  }

  off(_event: string, listener: Listener) {
    this.listeners.delete(listener);
  }

  destroy() {
    this.map.unobserve(this.emit);
    this.presence.off("change", this.onPresence);
    this.listeners.clear();
  }
}
