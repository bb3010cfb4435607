import * as Y from "yjs";
import { CONTENT_KEYS, NOTE_KEYS } from "../../shared/schema";

/**
 * Decides, before an update touches the server's document, whether a citizen may send it: citizens
 * change only notes whose `authorId` is their participant id. The update is decoded (structs + delete
 * set) and every struct the server does not have yet, and every item it deletes, is traced to the
 * top-level entry it lives under (`notes[<noteId>]`). Anything that cannot be traced is refused: the
 * rule is an allowlist, not a blocklist.
 *
 * Only Yjs internals that the package exports are used: `decodeUpdate`, `Item`, `GC`, `ContentType`,
 * `ContentAny`, `getState`, `findIndexSS`, `findRootTypeKey`.
 */

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

export interface GuardOptions {
  participantId: string;
  /**
   * Client ids (Y.Doc.clientID) already claimed in this room, by owner key. A citizen may create structs
   * only under client ids that are theirs: otherwise it could squat another writer's next clocks, and the
   * server would then ignore that writer's real edits as "already known". The room fills it in as it
   * accepts updates (`claimClients`).
   */
  claims?: Map<number, string>;
  /** Locked stages (facilitation toolkit): notes on them, or moved onto them, may not be changed. */
  lockedStages?: ReadonlySet<string>;
}

/** Top-level types a citizen may touch, with the rule for their entries. Extend per new record type. */
const CITIZEN_ROOTS = new Set<string>([CONTENT_KEYS.notes]);

type Struct = Y.Item | Y.GC | Y.Skip;

/** Where an item sits: directly in a root type (with its key), or inside another item's type. */
type Place =
  | { kind: "root"; root: string; key: string | null }
  | { kind: "item"; parent: Y.Item; key: string | null }
  | { kind: "dead" }
  | { kind: "unknown"; why: string };

/** The top-level entry an item lives under. */
type Entry =
  | { kind: "entry"; root: string; key: string | null; item: Y.Item; fromUpdate: boolean }
  | { kind: "dead" }
  | { kind: "unknown"; why: string };

const refuse = (reason: string): GuardVerdict => ({ ok: false, reason });

function findIn(structs: Struct[] | undefined, clock: number): Struct | null {
  if (!structs) return null;
  let lo = 0;
  let hi = structs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = structs[mid] as Struct;
    if (s.id.clock + s.length <= clock) lo = mid + 1;
    else if (s.id.clock > clock) hi = mid - 1;
    else return s;
  }
  return null;
}

export function checkCitizenUpdate(doc: Y.Doc, update: Uint8Array, options: GuardOptions): GuardVerdict {
  const { participantId, claims, lockedStages } = options;
  const decoded = Y.decodeUpdate(update);
  const store = doc.store;
  const state = (client: number) => Y.getState(store, client);

  const byClient = new Map<number, Struct[]>();
  for (const s of decoded.structs as Struct[]) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  const fromUpdate = new Set<Struct>(decoded.structs as Struct[]);

  /** An item by id: the server's copy when it has it (that is what Yjs will use), else the update's. */
  const lookup = (id: Y.ID): Struct | null => {
    if (id.clock < state(id.client)) {
      const structs = store.clients.get(id.client) as Struct[] | undefined;
      if (!structs) return null;
      return structs[Y.findIndexSS(structs as Y.Item[], id.clock)] ?? null;
    }
    return findIn(byClient.get(id.client), id.clock);
  };

  const placeMemo = new Map<Struct, Place>();
  const placeOf = (item: Y.Item, depth = 0): Place => {
    const memo = placeMemo.get(item);
    if (memo) return memo;
    let place: Place;
    if (depth > 10_000) place = { kind: "unknown", why: "origin chain too long" };
    else if (!fromUpdate.has(item)) {
      // Integrated: parent is a live type.
      const parent = item.parent as Y.AbstractType<unknown> | null;
      if (!parent) place = { kind: "dead" };
      else if (parent._item === null)
        place = { kind: "root", root: Y.findRootTypeKey(parent), key: item.parentSub };
      else place = { kind: "item", parent: parent._item, key: item.parentSub };
    } else {
      const parent = item.parent as unknown;
      if (typeof parent === "string") place = { kind: "root", root: parent, key: item.parentSub };
      else if (parent !== null && typeof parent === "object" && "client" in (parent as object)) {
        const p = lookup(parent as Y.ID);
        if (p instanceof Y.Item) place = { kind: "item", parent: p, key: item.parentSub };
        else if (p instanceof Y.GC) place = { kind: "dead" };
        else place = { kind: "unknown", why: "parent not found" };
      } else {
        // Parent implied by a neighbour: same parent and same key as the origin (or right origin).
        const neighbourId = (item.origin ?? item.rightOrigin) as Y.ID | null;
        const neighbour = neighbourId ? lookup(neighbourId) : null;
        if (neighbour instanceof Y.Item && neighbour !== item) place = placeOf(neighbour, depth + 1);
        else if (neighbour instanceof Y.GC) place = { kind: "dead" };
        else place = { kind: "unknown", why: "neither parent nor origin found" };
      }
    }
    placeMemo.set(item, place);
    return place;
  };

  const entryOf = (item: Y.Item): Entry => {
    let current = item;
    for (let depth = 0; depth < 10_000; depth++) {
      const place = placeOf(current);
      if (place.kind === "dead" || place.kind === "unknown") return place;
      if (place.kind === "root")
        return {
          kind: "entry",
          root: place.root,
          key: place.key,
          item: current,
          fromUpdate: fromUpdate.has(current),
        };
      current = place.parent;
    }
    return { kind: "unknown", why: "nesting too deep" };
  };

  // Fields set in this update, per new note map item: only the values that carry an author matter.
  const authorValues = new Map<Y.Item, unknown[]>();
  // Stage values set in this update, per note: a note may not move onto (or be created on) a locked stage.
  const stageValues = new Map<Y.Item, unknown[]>();
  const newEntries = new Set<Y.Item>();
  const touched = new Set<Y.Item>();

  const touch = (entry: Entry, what: string): GuardVerdict | null => {
    if (entry.kind === "dead") return null; // writes under deleted content are invisible
    if (entry.kind === "unknown") return refuse(`${what}: ${entry.why}`);
    if (!CITIZEN_ROOTS.has(entry.root))
      return refuse(`${what}: top-level type "${entry.root}" is not allowed`);
    if (entry.key === null) return refuse(`${what}: list content in "${entry.root}"`);
    if (entry.fromUpdate) newEntries.add(entry.item);
    else touched.add(entry.item);
    return null;
  };

  // 1. Structs the server does not have yet.
  for (const [client, structs] of byClient) {
    const known = state(client);
    for (const s of structs) {
      if (s instanceof Y.Skip || s.id.clock + s.length <= known) continue;
      if (claims) {
        const owner = claims.get(client);
        if (owner !== undefined && owner !== participantId)
          return refuse(`client id ${client} belongs to another writer`);
        if (owner === undefined && known > 0 && !ownsClient(doc, client, participantId))
          return refuse(`client id ${client} already wrote content that is not this participant's`);
      }
      if (s instanceof Y.GC) continue; // a placeholder for deleted content: changes nothing visible
      const entry = entryOf(s);
      const verdict = touch(entry, `insert ${client}:${s.id.clock}`);
      if (verdict) return verdict;
      if (entry.kind === "entry" && entry.item !== s) {
        const place = placeOf(s);
        if (place.kind === "item" && place.parent === entry.item && place.key === NOTE_KEYS.stage) {
          const values = stageValues.get(entry.item) ?? [];
          values.push(s.content instanceof Y.ContentAny ? s.content.arr[0] : undefined);
          stageValues.set(entry.item, values);
        }
        if (place.kind === "item" && place.parent === entry.item && place.key === NOTE_KEYS.authorId) {
          const values = authorValues.get(entry.item) ?? [];
          values.push(s.content instanceof Y.ContentAny ? s.content.arr[0] : undefined);
          authorValues.set(entry.item, values);
        }
      }
    }
  }

  // 2. Deletions: every item the delete set reaches, traced to its note.
  for (const [client, deletes] of decoded.ds.clients) {
    const structs = store.clients.get(client) as Struct[] | undefined;
    const known = state(client);
    const updateStructs = byClient.get(client);
    const updateEnd = updateStructs?.length
      ? (updateStructs[updateStructs.length - 1] as Struct).id.clock +
        (updateStructs[updateStructs.length - 1] as Struct).length
      : 0;
    for (const { clock, len } of deletes) {
      if (len <= 0) continue;
      const end = clock + len;
      if (end > Math.max(known, updateEnd)) return refuse(`delete ${client}:${clock}+${len}: unknown items`);
      // Items the server has.
      if (structs && clock < known) {
        let i = Y.findIndexSS(structs as Y.Item[], clock);
        for (; i < structs.length; i++) {
          const s = structs[i] as Struct;
          if (s.id.clock >= end) break;
          if (!(s instanceof Y.Item) || s.deleted) continue;
          const verdict = touch(entryOf(s), `delete ${client}:${s.id.clock}`);
          if (verdict) return verdict;
        }
      }
      // Items created in the same update: already traced above as inserts.
    }
  }

  // 3. Ownership of every note reached.
  const notes = doc.getMap<unknown>(CONTENT_KEYS.notes);
  const authorOfLive = (key: string): unknown => {
    const value = notes.get(key);
    return value instanceof Y.Map ? value.get(NOTE_KEYS.authorId) : undefined;
  };
  for (const entry of touched) {
    if (entry.deleted) continue;
    const value = entry.content instanceof Y.ContentType ? entry.content.type : null;
    if (!(value instanceof Y.Map)) return refuse(`entry "${entry.parentSub}" is not a note`);
    const author = value.get(NOTE_KEYS.authorId);
    if (author !== participantId) return refuse(`note "${entry.parentSub}" belongs to someone else`);
    if ((authorValues.get(entry) ?? []).some((v) => v !== participantId))
      return refuse(`note "${entry.parentSub}": authorId may not change`);
    if (lockedStages?.has(String(value.get(NOTE_KEYS.stage))))
      return refuse(`note "${entry.parentSub}" is on a locked stage`);
    if (lockedStages && (stageValues.get(entry) ?? []).some((v) => lockedStages.has(String(v))))
      return refuse(`note "${entry.parentSub}" may not move onto a locked stage`);
  }
  for (const entry of newEntries) {
    const key = placeOf(entry);
    const noteKey = key.kind === "root" ? key.key : null;
    if (!(entry.content instanceof Y.ContentType) || !(entry.content.type instanceof Y.Map))
      return refuse(`new entry "${noteKey}" is not a note map`);
    const values = authorValues.get(entry) ?? [];
    if (values.length === 0 || values.some((v) => v !== participantId))
      return refuse(`new note "${noteKey}" does not carry this participant as its author`);
    if (lockedStages && (stageValues.get(entry) ?? []).some((v) => lockedStages.has(String(v))))
      return refuse(`new note "${noteKey}" is on a locked stage`);
    // A new value under a key replaces the live one (Yjs deletes the left neighbour): it must be ours.
    if (noteKey !== null && notes.has(noteKey) && authorOfLive(noteKey) !== participantId)
      return refuse(`new note "${noteKey}" would replace someone else's`);
  }

  return { ok: true };
}

/**
 * After a reload the server no longer remembers which writer a client id belonged to: the id counts as
 * this participant's when its latest item in the document sits in one of their notes.
 */
function ownsClient(doc: Y.Doc, client: number, participantId: string): boolean {
  const structs = doc.store.clients.get(client) as Struct[] | undefined;
  if (!structs) return true;
  for (let i = structs.length - 1; i >= 0; i--) {
    const s = structs[i] as Struct;
    if (!(s instanceof Y.Item)) continue;
    let current: Y.Item = s;
    for (;;) {
      const parent = current.parent as Y.AbstractType<unknown> | null;
      if (!parent) return false;
      if (parent._item === null) break;
      current = parent._item;
    }
    if (current.deleted) continue;
    const value = current.content instanceof Y.ContentType ? current.content.type : null;
    return value instanceof Y.Map && value.get(NOTE_KEYS.authorId) === participantId;
  }
  // Nothing of it is visible any more: taking it over cannot hide anyone's edits that still matter.
  return true;
}
