import {
  BOARD_HEIGHT,
  BOARD_WIDTH,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  noteIntersects,
  placeNote,
  type Rect,
} from "../board/geometry";

type Bounds = { left: number; top: number; width: number; height: number };
type Spot = { x: number; y: number };

/** Points close enough together that the board's free-slot test treats the whole rectangle as taken. */
function cover(rect: Rect): Spot[] {
  const spots: Spot[] = [];
  for (let x = rect.left - NOTE_WIDTH; x < rect.right + NOTE_WIDTH; x += NOTE_WIDTH)
    for (let y = rect.top - NOTE_HEIGHT; y < rect.bottom + NOTE_HEIGHT; y += NOTE_HEIGHT)
      spots.push({ x, y });
  return spots;
}

const overlaps = (spot: Spot, notes: readonly Spot[], frames: readonly Rect[]) =>
  notes.some((n) => Math.abs(n.x - spot.x) < NOTE_WIDTH + 8 && Math.abs(n.y - spot.y) < NOTE_HEIGHT + 8) ||
  frames.some((frame) => noteIntersects(spot, frame));

/**
 * Where a note written in the list goes on the canvas: the board's grid, first within the part a desktop
 * screen shows when the board opens, then anywhere in `bounds`. Cluster frames count as taken: a note
 * landing inside one would look clustered without being a member.
 */
export function placeFromList(
  notes: readonly Spot[],
  frames: readonly Rect[],
  bounds: Bounds = { left: 0, top: 0, width: BOARD_WIDTH, height: BOARD_HEIGHT },
): Spot {
  const taken = [...notes, ...frames.flatMap(cover)];
  const first = { ...bounds, width: Math.min(bounds.width, 1200) };
  const near = placeNote(first, taken);
  if (!overlaps(near, notes, frames)) return near;
  return placeNote(bounds, taken);
}
