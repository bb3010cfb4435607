/** Board coordinates are CSS pixels at zoom 1; notes are stored in them. */
export const BOARD_WIDTH = 2400;
export const BOARD_HEIGHT = 1600;
export const NOTE_WIDTH = 184;
export const NOTE_HEIGHT = 152;
export const KEY_STEP = 16;
export const KEY_STEP_LARGE = 64;

export const clampX = (x: number) => Math.round(Math.min(BOARD_WIDTH - NOTE_WIDTH, Math.max(0, x)));
export const clampY = (y: number) => Math.round(Math.min(BOARD_HEIGHT - NOTE_HEIGHT, Math.max(0, y)));

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The offset an arrow key moves a note by, or null for any other key. */
export function arrowDelta(key: string, large: boolean): { dx: number; dy: number } | null {
  const direction = ARROWS[key];
  if (!direction) return null;
  const step = large ? KEY_STEP_LARGE : KEY_STEP;
  return { dx: direction[0] * step, dy: direction[1] * step };
}

const GAP_X = 24;
/** Below a note stays room for its color tools. */
const GAP_Y = 64;

/**
 * Where a new note goes: the first free slot of a grid laid over the visible area (board
 * coordinates), else a step off the visible area's top left so repeated additions stay apart.
 */
export function placeNote(
  view: { left: number; top: number; width: number; height: number },
  taken: readonly { x: number; y: number }[],
): { x: number; y: number } {
  const cols = Math.max(1, Math.floor((view.width - GAP_X) / (NOTE_WIDTH + GAP_X)));
  const rows = Math.max(1, Math.floor((view.height - 16) / (NOTE_HEIGHT + GAP_Y)));
  const free = (x: number, y: number) =>
    taken.every((n) => Math.abs(n.x - x) >= NOTE_WIDTH + 8 || Math.abs(n.y - y) >= NOTE_HEIGHT + 8);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const x = clampX(view.left + GAP_X + col * (NOTE_WIDTH + GAP_X));
      const y = clampY(view.top + 16 + row * (NOTE_HEIGHT + GAP_Y));
      if (free(x, y)) return { x, y };
    }
  }
  const step = (taken.length % 8) * 24;
  return { x: clampX(view.left + GAP_X + step), y: clampY(view.top + 16 + step) };
}

/** A rectangle in board coordinates (right and bottom exclusive). */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Whether a note at (x, y) overlaps the rectangle. */
export const noteIntersects = (note: { x: number; y: number }, r: Rect) =>
  note.x < r.right && note.x + NOTE_WIDTH > r.left && note.y < r.bottom && note.y + NOTE_HEIGHT > r.top;

/** The rectangle grown by `fx` of its width and `fy` of its height on every side, kept on the board. */
function grow(r: Rect, fx: number, fy: number): Rect {
  const dx = (r.right - r.left) * fx;
  const dy = (r.bottom - r.top) * fy;
  return {
    left: Math.max(0, r.left - dx),
    top: Math.max(0, r.top - dy),
    right: Math.min(BOARD_WIDTH, r.right + dx),
    bottom: Math.min(BOARD_HEIGHT, r.bottom + dy),
  };
}

const contains = (outer: Rect, inner: Rect) =>
  outer.left <= inner.left &&
  outer.top <= inner.top &&
  outer.right >= inner.right &&
  outer.bottom >= inner.bottom;

const area = (r: Rect) => Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top);

/** How far beyond the visible area notes are kept mounted, as a fraction of its size on each side. */
export const WINDOW_MARGIN = 0.5;
/** Pan this close (a fraction of the visible size) to the mounted window's edge and it moves. */
const WINDOW_SLACK = 0.2;

/**
 * The part of the board whose notes are mounted, given the visible part: the current window while it
 * still holds the visible area plus some slack (so panning and zooming rarely re-render), else the visible
 * area plus a margin. `tight` asks for the visible area only (the first paint).
 */
export function renderWindow(visible: Rect, current: Rect | null, tight = false): Rect {
  if (tight) return grow(visible, 0, 0);
  const needed = grow(visible, WINDOW_SLACK, WINDOW_SLACK);
  const wanted = grow(visible, WINDOW_MARGIN, WINDOW_MARGIN);
  // Zoomed in a lot: a window far larger than needed would keep too much mounted.
  if (current && contains(current, needed) && area(current) <= 2.5 * area(wanted)) return current;
  return wanted;
}
