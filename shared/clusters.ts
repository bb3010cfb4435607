import { nanoid } from "nanoid";
import * as Y from "yjs";
import { z } from "zod";
import type { Brand, NoteId } from "./ids";
import { LOCAL_ORIGIN } from "./origin";
import { CONTENT_KEYS, NOTE_COLORS, NOTE_KEYS, type NoteColor, STAGES, type StageId } from "./schema";
import { clampText } from "./text";

/**
 * Affinity clusters (facilitation toolkit). A cluster is a team/facilitator record — a Y.Map in the
 * top-level `clusters` map of the content document — and a note's membership is a field of the note
 * (`cluster`: the cluster's id, absent when unclustered). Joining or leaving a cluster is therefore an
 * edit of that note, which the citizen guard already allows for a citizen's own notes; only team and
 * facilitators write the `clusters` map. Every write is one `LOCAL_ORIGIN` transaction (one undo step).
 */

export type ClusterId = Brand<string, "ClusterId">;
export const newClusterId = (): ClusterId => nanoid(12) as ClusterId;

/** The top-level map of the content document that holds clusters. */
export const CLUSTERS_KEY = "clusters" as const;

/** Fields of one cluster's Y.Map. */
export const CLUSTER_KEYS = {
  id: "id",
  stage: "stage",
  name: "name",
  color: "color",
  x: "x",
  y: "y",
  collapsed: "collapsed",
  createdAt: "createdAt",
} as const;

/** The note field holding the id of the note's cluster. */
export const NOTE_CLUSTER_KEY = "cluster" as const;

export const CLUSTER_NAME_LENGTH = 80;

export interface Cluster {
  id: ClusterId;
  stage: StageId;
  name: string;
  color: NoteColor;
  x: number;
  y: number;
  collapsed: boolean;
  createdAt: number;
}

// ---- validators ----

const finite = (fallback: number) => z.number().finite().catch(fallback);

const clusterSchema = z.object({
  id: z.string().min(1).max(64),
  stage: z.enum(STAGES),
  name: z
    .string()
    .catch("")
    .transform((s) => clampText(s, CLUSTER_NAME_LENGTH)),
  color: z.enum(NOTE_COLORS).catch("blue"),
  x: finite(0),
  y: finite(0),
  collapsed: z.boolean().catch(false),
  createdAt: finite(0),
});

/** A cluster read from a document, or null without an id or a known stage; bad fields get defaults. */
export function readCluster(raw: unknown): Cluster | null {
  const parsed = clusterSchema.safeParse(raw);
  return parsed.success ? (parsed.data as Cluster) : null;
}

/** A cluster id as a note's `cluster` field may hold it (anything else counts as no cluster). */
export const isClusterId = (value: unknown): value is ClusterId =>
  typeof value === "string" && value.length > 0 && value.length <= 64;

// ---- reading ----

type RecordMap = Y.Map<unknown>;
const clustersMap = (content: Y.Doc) => content.getMap<RecordMap>(CLUSTERS_KEY);
const notesMap = (content: Y.Doc) => content.getMap<RecordMap>(CONTENT_KEYS.notes);
const write = (doc: Y.Doc, fn: () => void) => doc.transact(fn, LOCAL_ORIGIN);

const finiteOr = (value: number | undefined, fallback: number) =>
  typeof value === "number" && Number.isFinite(value) ? value : fallback;
const isColor = (value: unknown): value is NoteColor => NOTE_COLORS.includes(value as NoteColor);
const isStage = (value: unknown): value is StageId => STAGES.includes(value as StageId);

function clusterAt(content: Y.Doc, key: string): Cluster | null {
  const value = clustersMap(content).get(key);
  if (!(value instanceof Y.Map)) return null;
  const cluster = readCluster(value.toJSON());
  // The map key is the identity, as for notes.
  return cluster && cluster.id === key ? cluster : null;
}

export const getCluster = (content: Y.Doc, id: ClusterId): Cluster | null => clusterAt(content, id);

/** Readable clusters (of one stage, when given), oldest first; malformed entries are left out. */
export function getClusters(content: Y.Doc, stage?: StageId): Cluster[] {
  const out: Cluster[] = [];
  for (const key of clustersMap(content).keys()) {
    const cluster = clusterAt(content, key);
    if (cluster && (stage === undefined || cluster.stage === stage)) out.push(cluster);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Live note maps (key = id) and their stage, skipping forged ones. */
function* liveNotes(content: Y.Doc): Generator<[NoteId, RecordMap]> {
  for (const [key, note] of notesMap(content).entries())
    if (note instanceof Y.Map && note.get(NOTE_KEYS.id) === key) yield [key as NoteId, note];
}

/**
 * Which cluster each clustered note belongs to. A note's field counts only when it names a readable
 * cluster of the note's own stage (a dangling or cross-stage id means: no cluster).
 */
export function getMemberships(content: Y.Doc, stage?: StageId): Map<NoteId, ClusterId> {
  const clusters = new Map(getClusters(content, stage).map((c) => [c.id as string, c]));
  const out = new Map<NoteId, ClusterId>();
  if (clusters.size === 0) return out;
  for (const [id, note] of liveNotes(content)) {
    const value = note.get(NOTE_CLUSTER_KEY);
    const cluster = isClusterId(value) ? clusters.get(value) : undefined;
    if (cluster && cluster.stage === note.get(NOTE_KEYS.stage)) out.set(id, cluster.id);
  }
  return out;
}

export const getClusterMembers = (content: Y.Doc, id: ClusterId): NoteId[] =>
  [...getMemberships(content)].filter(([, c]) => c === id).map(([n]) => n);

// ---- writing ----

export interface NewCluster {
  stage: StageId;
  name: string;
  color?: NoteColor;
  x?: number;
  y?: number;
  /** Fixed ids make tests reproducible; the UI leaves it out. */
  id?: ClusterId;
  now?: number;
}

export function createCluster(content: Y.Doc, input: NewCluster): ClusterId {
  if (!isStage(input.stage)) throw new RangeError(`unknown stage: ${String(input.stage)}`);
  const id = input.id ?? newClusterId();
  write(content, () => {
    const map = new Y.Map<unknown>();
    map.set(CLUSTER_KEYS.id, id);
    map.set(CLUSTER_KEYS.stage, input.stage);
    map.set(CLUSTER_KEYS.name, clampText(input.name, CLUSTER_NAME_LENGTH));
    map.set(CLUSTER_KEYS.color, isColor(input.color) ? input.color : "blue");
    map.set(CLUSTER_KEYS.x, finiteOr(input.x, 0));
    map.set(CLUSTER_KEYS.y, finiteOr(input.y, 0));
    map.set(CLUSTER_KEYS.collapsed, false);
    map.set(CLUSTER_KEYS.createdAt, input.now ?? Date.now());
    clustersMap(content).set(id, map);
  });
  return id;
}

/** Runs `fn` on a readable cluster's map in one transaction; false when it is gone or malformed. */
function updateCluster(content: Y.Doc, id: ClusterId, fn: (map: RecordMap, cluster: Cluster) => void) {
  const map = clustersMap(content).get(id);
  const cluster = clusterAt(content, id);
  if (!(map instanceof Y.Map) || !cluster) return false;
  write(content, () => fn(map, cluster));
  return true;
}

export const renameCluster = (content: Y.Doc, id: ClusterId, name: string): boolean =>
  updateCluster(content, id, (map) => map.set(CLUSTER_KEYS.name, clampText(name, CLUSTER_NAME_LENGTH)));

export const recolorCluster = (content: Y.Doc, id: ClusterId, color: NoteColor): boolean =>
  isColor(color) && updateCluster(content, id, (map) => map.set(CLUSTER_KEYS.color, color));

export const collapseCluster = (content: Y.Doc, id: ClusterId, collapsed: boolean): boolean =>
  updateCluster(content, id, (map) => map.set(CLUSTER_KEYS.collapsed, collapsed === true));

/**
 * Moves a cluster to (x, y) and its member notes by the same offset, in one transaction. `clampNote`
 * keeps members on the board (the model knows no board size).
 */
export function moveCluster(
  content: Y.Doc,
  id: ClusterId,
  to: { x: number; y: number },
  clampNote: (at: { x: number; y: number }) => { x: number; y: number } = (at) => at,
): boolean {
  const members = getClusterMembers(content, id);
  return updateCluster(content, id, (map, cluster) => {
    const x = finiteOr(to.x, cluster.x);
    const y = finiteOr(to.y, cluster.y);
    const dx = x - cluster.x;
    const dy = y - cluster.y;
    if (dx === 0 && dy === 0) return;
    map.set(CLUSTER_KEYS.x, x);
    map.set(CLUSTER_KEYS.y, y);
    const notes = notesMap(content);
    for (const noteId of members) {
      const note = notes.get(noteId);
      if (!(note instanceof Y.Map)) continue;
      const nx = finiteOr(note.get(NOTE_KEYS.x) as number, 0);
      const ny = finiteOr(note.get(NOTE_KEYS.y) as number, 0);
      const at = clampNote({ x: nx + dx, y: ny + dy });
      if (at.x !== nx) note.set(NOTE_KEYS.x, at.x);
      if (at.y !== ny) note.set(NOTE_KEYS.y, at.y);
    }
  });
}

/**
 * Puts a note into a cluster of its stage (null: out of any cluster), optionally placing it at `at` in
 * the same transaction. False when the note or the cluster is gone, or the stages differ.
 */
export function setNoteCluster(
  content: Y.Doc,
  noteId: NoteId,
  clusterId: ClusterId | null,
  at?: { x: number; y: number },
): boolean {
  const note = notesMap(content).get(noteId);
  if (!(note instanceof Y.Map) || note.get(NOTE_KEYS.id) !== noteId) return false;
  if (clusterId !== null) {
    const cluster = clusterAt(content, clusterId);
    if (!cluster || cluster.stage !== note.get(NOTE_KEYS.stage)) return false;
  }
  write(content, () => {
    if (clusterId === null) {
      if (note.has(NOTE_CLUSTER_KEY)) note.delete(NOTE_CLUSTER_KEY);
    } else if (note.get(NOTE_CLUSTER_KEY) !== clusterId) note.set(NOTE_CLUSTER_KEY, clusterId);
    if (at) {
      const x = finiteOr(at.x, 0);
      const y = finiteOr(at.y, 0);
      if (note.get(NOTE_KEYS.x) !== x) note.set(NOTE_KEYS.x, x);
      if (note.get(NOTE_KEYS.y) !== y) note.set(NOTE_KEYS.y, y);
    }
  });
  return true;
}

/**
 * A note move that may also change its cluster (a drop on or off a cluster's frame): `place` runs the
 * move (e.g. the model's `moveNote`) inside the same transaction as the membership change.
 */
export function moveNoteWithCluster(
  content: Y.Doc,
  noteId: NoteId,
  clusterId: ClusterId | null,
  place: () => void,
): void {
  write(content, () => {
    place();
    setNoteCluster(content, noteId, clusterId);
  });
}

/** Clears every member's `cluster` field and deletes the cluster, in one transaction. */
export function ungroupCluster(content: Y.Doc, id: ClusterId): boolean {
  const clusters = clustersMap(content);
  if (!clusters.has(id)) return false;
  write(content, () => {
    // Every note naming it, whatever its stage: nothing dangling stays behind.
    for (const [, note] of liveNotes(content))
      if (note.get(NOTE_CLUSTER_KEY) === id) note.delete(NOTE_CLUSTER_KEY);
    clusters.delete(id);
  });
  return true;
}
