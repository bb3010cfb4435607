import type { Cluster } from "../../shared";
import { BOARD_HEIGHT, BOARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH, type Rect } from "../board/geometry";

/** A cluster's frame: a header, then its members in a grid of COLS columns (plus room for one more). */
export const CLUSTER_COLS = 3;
export const CLUSTER_PAD = 16;
export const CLUSTER_HEADER = 56;
const SLOT_W = NOTE_WIDTH + CLUSTER_PAD;
const SLOT_H = NOTE_HEIGHT + CLUSTER_PAD;
export const CLUSTER_WIDTH = CLUSTER_PAD + CLUSTER_COLS * SLOT_W;
export const COLLAPSED_WIDTH = 280;

type Point = { x: number; y: number };

/**
 * The frame of a cluster in board coordinates: big enough for its members' grid with a free slot, and
 * for wherever its members actually sit (they can be dragged around inside it).
 */
export function clusterRect(cluster: Cluster, members: readonly Point[]): Rect {
  if (cluster.collapsed)
    return {
      left: cluster.x,
      top: cluster.y,
      right: cluster.x + COLLAPSED_WIDTH,
      bottom: cluster.y + CLUSTER_HEADER,
    };
  const rows = Math.max(1, Math.ceil((members.length + 1) / CLUSTER_COLS));
  let right = cluster.x + CLUSTER_WIDTH;
  let bottom = cluster.y + CLUSTER_HEADER + rows * SLOT_H;
  for (const m of members) {
    right = Math.max(right, m.x + NOTE_WIDTH + CLUSTER_PAD);
    bottom = Math.max(bottom, m.y + NOTE_HEIGHT + CLUSTER_PAD);
  }
  return { left: cluster.x, top: cluster.y, right, bottom };
}

/** Where the `index`-th member goes when it joins through the keyboard. */
export const slotPosition = (cluster: Cluster, index: number): Point => ({
  x: clampClusterX(cluster.x + CLUSTER_PAD + (index % CLUSTER_COLS) * SLOT_W),
  y: clampClusterY(cluster.y + CLUSTER_HEADER + Math.floor(index / CLUSTER_COLS) * SLOT_H),
});

/** The first grid slot of the frame no other member covers. */
export function freeSlot(cluster: Cluster, members: readonly Point[]): Point {
  for (let i = 0; i < members.length + 1; i++) {
    const at = slotPosition(cluster, i);
    const taken = members.some(
      (m) => Math.abs(m.x - at.x) < NOTE_WIDTH / 2 && Math.abs(m.y - at.y) < NOTE_HEIGHT / 2,
    );
    if (!taken) return at;
  }
  return slotPosition(cluster, members.length);
}

/** Where a note leaving a cluster through the keyboard goes: just right of the frame (or left of it). */
export function outsideOf(rect: Rect, y: number): Point {
  const x =
    rect.right + CLUSTER_PAD <= BOARD_WIDTH - NOTE_WIDTH
      ? rect.right + CLUSTER_PAD
      : rect.left - NOTE_WIDTH - CLUSTER_PAD;
  return { x: clampClusterX(x), y: clampClusterY(y) };
}

export const clampClusterX = (x: number) => Math.round(Math.min(BOARD_WIDTH - NOTE_WIDTH, Math.max(0, x)));
export const clampClusterY = (y: number) => Math.round(Math.min(BOARD_HEIGHT - NOTE_HEIGHT, Math.max(0, y)));

const contains = (r: Rect, p: Point) => p.x >= r.left && p.x < r.right && p.y >= r.top && p.y < r.bottom;

/**
 * The cluster whose frame a note dropped at `at` lands in (its center decides), or null. The note's
 * own place does not count toward the frame's size, so dragging a member out of it leaves the cluster.
 * The newest frame wins where frames overlap (it is drawn on top).
 */
export function clusterAtDrop(
  clusters: readonly Cluster[],
  membersOf: (cluster: Cluster) => readonly (Point & { id: string })[],
  noteId: string,
  at: Point,
): Cluster | null {
  const center = { x: at.x + NOTE_WIDTH / 2, y: at.y + NOTE_HEIGHT / 2 };
  for (let i = clusters.length - 1; i >= 0; i--) {
    const cluster = clusters[i];
    if (!cluster) continue;
    const others = membersOf(cluster).filter((m) => m.id !== noteId);
    if (contains(clusterRect(cluster, others), center)) return cluster;
  }
  return null;
}

/**
 * Where a new cluster goes: the first spot of the visible area (scanned in 32 px steps) where an empty
 * frame covers no note and no other frame; else a step off the visible area's top left.
 */
export function placeCluster(
  view: { left: number; top: number; width: number; height: number },
  notes: readonly Point[],
  frames: readonly Rect[],
  fallbackStep: number,
): Point {
  const w = CLUSTER_WIDTH;
  const h = CLUSTER_HEADER + SLOT_H;
  const free = (x: number, y: number) =>
    notes.every((n) => n.x >= x + w || n.x + NOTE_WIDTH <= x || n.y >= y + h || n.y + NOTE_HEIGHT <= y) &&
    frames.every((r) => r.left >= x + w || r.right <= x || r.top >= y + h || r.bottom <= y);
  const step = 32;
  for (
    let y = view.top + 16;
    y + h <= Math.min(BOARD_HEIGHT, view.top + Math.max(view.height, h + 32));
    y += step
  )
    for (
      let x = view.left + 16;
      x + w <= Math.min(BOARD_WIDTH, view.left + Math.max(view.width, w + 32));
      x += step
    )
      if (free(x, y)) return { x: Math.round(x), y: Math.round(y) };
  return { x: clampClusterX(view.left + 24 + fallbackStep), y: clampClusterY(view.top + 24 + fallbackStep) };
}
