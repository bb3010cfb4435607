import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { type Caret, type PresenceState, type RelativePositionJSON, readPresence } from "../../shared";

/**
 * Other people's text carets, carried by presence. Each client publishes at most one `caret`
 * (`{ field, anchor, head }`, the rich-text field that has focus) in its awareness state; the server's
 * presence hub relays it like the board pointer: to people on the same stage only, at most 30 per stage.
 *
 * The caret plugin (y-tiptap's `yCursorPlugin`, through `@tiptap/extension-collaboration-caret`) expects
 * an awareness of its own: it reads and writes `{ user: { name, color }, cursor: { anchor, head } }`,
 * and the extension overwrites `user`. Our presence awareness already uses both names (`user` is the
 * person with id and role, `cursor` the board pointer), and the extension does not let us choose the
 * field, so each editor gets a `CaretChannel`: an awareness-shaped view of presence scoped to one field.
 * It shows the people whose caret is in this field (with the name and color of their presence) and
 * publishes this client's caret as the presence field `caret`, at most 10 times a second, null at once.
 */

type Listener = (...args: unknown[]) => void;
type Change = { added: number[]; updated: number[]; removed: number[] };
type Remote = { user: { name: string; color: string }; cursor: { anchor: unknown; head: unknown } };

/** Caret moves published at most this often (typing moves it on every key). */
export const CARET_INTERVAL_MS = 100;

const toJSON = (pos: unknown): RelativePositionJSON =>
  pos instanceof Y.RelativePosition
    ? (Y.relativePositionToJSON(pos) as RelativePositionJSON)
    : (pos as RelativePositionJSON);

const sameJSON = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The awareness-shaped object the caret plugin reads and writes, scoped to one rich-text field. */
export class CaretChannel {
  readonly doc: Y.Doc;
  readonly clientID: number;
  private readonly listeners = new Set<Listener>();
  /** Remote carets in this field, by client id; rebuilt only for clients whose presence changed. */
  private readonly remote = new Map<number, Remote>();
  /** The raw presence state each entry of `remote` (or its absence) was read from. */
  private readonly seen = new Map<number, unknown>();
  /** This editor's caret as the plugin last set it (what it compares against, unthrottled). */
  private local: { anchor: RelativePositionJSON; head: RelativePositionJSON } | null = null;
  private lastSent = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  /**
   * Pure, so an editor can be built with its channel in the same render (building it first without
   * carets and again with them dropped the focus and keys typed in between); `start` subscribes.
   */
  constructor(
    private readonly presence: Awareness,
    doc: Y.Doc,
    private readonly field: string,
    private readonly writable: boolean,
  ) {
    this.doc = doc;
    this.clientID = presence.clientID;
  }

  /** Follows presence until `destroy`; may follow a `destroy` again (React's development double effects). */
  start() {
    this.destroyed = false;
    for (const id of this.presence.getStates().keys()) this.read(id);
    this.presence.on("change", this.onPresence);
    this.emit();
  }

  private emit = () => {
    for (const listener of this.listeners) listener({ added: [], updated: [], removed: [] }, "local");
  };

  /** Re-reads one client's presence; returns whether its caret in this field appeared, moved or left. */
  private read(id: number): boolean {
    if (id === this.clientID) return false;
    const raw = this.presence.getStates().get(id);
    if (raw !== undefined && this.seen.get(id) === raw) return false;
    const had = this.remote.get(id);
    if (raw === undefined) {
      this.seen.delete(id);
      this.remote.delete(id);
      return had !== undefined;
    }
    this.seen.set(id, raw);
    // Cheap pre-check: board pointers move many times a second, most states have no caret here.
    const caret = (raw as { caret?: { field?: unknown } } | null)?.caret;
    const state = caret?.field === this.field ? readPresence(raw) : null;
    if (!state?.caret) {
      this.remote.delete(id);
      return had !== undefined;
    }
    const next: Remote = {
      user: { name: state.user.name, color: state.user.color },
      cursor: { anchor: state.caret.anchor, head: state.caret.head },
    };
    if (had && sameJSON(had, next)) return false;
    this.remote.set(id, next);
    return true;
  }

  private onPresence = (change: Change) => {
    let changed = false;
    for (const ids of [change.added, change.updated, change.removed])
      for (const id of ids) if (this.read(id)) changed = true;
    if (changed) this.emit();
  };

  // ---- what the caret plugin calls ----

  getLocalState() {
    return { cursor: this.local };
  }

  setLocalStateField(name: string, value: unknown) {
    // The extension also sets `user`: who we are comes from presence, never from here.
    if (name !== "cursor" || !this.writable || (this.destroyed && value)) return;
    const cursor = value as { anchor: unknown; head: unknown } | null;
    if (!cursor) {
      this.local = null;
      this.cancel();
      this.publish();
      return;
    }
    const next = { anchor: toJSON(cursor.anchor), head: toJSON(cursor.head) };
    if (this.local && sameJSON(this.local, next)) return;
    this.local = next;
    if (this.timer) return;
    const wait = CARET_INTERVAL_MS - (Date.now() - this.lastSent);
    if (wait <= 0) this.publish();
    else
      this.timer = setTimeout(() => {
        this.timer = null;
        this.publish();
      }, wait);
  }

  getStates(): Map<number, Remote> {
    return this.remote;
  }

  get states() {
    return this.remote;
  }

  on(_event: string, listener: Listener) {
    this.listeners.add(listener);
  }

  off(_event: string, listener: Listener) {
    this.listeners.delete(listener);
  }

  destroy() {
    this.destroyed = true;
    this.presence.off("change", this.onPresence);
    this.listeners.clear();
    if (this.local) {
      this.local = null;
      this.cancel();
      this.publish();
    }
    this.cancel();
  }

  // ---- the presence side ----

  private cancel() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Writes the local caret into presence; clearing only takes away a caret of this field. */
  private publish() {
    this.lastSent = Date.now();
    const state = this.presence.getLocalState() as Partial<PresenceState> | null;
    if (!state) return;
    const current = state.caret ?? null;
    if (!this.local) {
      if (current?.field === this.field) this.presence.setLocalStateField("caret", null);
      return;
    }
    const caret: Caret = { field: this.field, anchor: this.local.anchor, head: this.local.head };
    if (current && sameJSON(current, caret)) return;
    this.presence.setLocalStateField("caret", caret);
  }
}
