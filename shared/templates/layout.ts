import { EMPATHY_AREAS, type EmpathyArea } from "../methods";

/*
 * Where seeded notes go on the stage boards. client/methods/areas.ts lays the empathy map over the
 * 2,400-px board and the Define panel stacks HMW notes at y 1200; the server seeds without the client's
 * code, so these repeat those numbers. tests/unit/templates.test.ts puts every seeded note through the
 * client's own frameAt, so a change on either side fails there instead of misplacing examples.
 */
const BOARD_WIDTH = 2400;
const GAP = 16;
const COLS = 3;
const AREA_WIDTH = Math.floor((BOARD_WIDTH - GAP * (COLS + 1)) / COLS);
const AREA_HEIGHT = 760;
/** Room above the notes for the area's heading, as placeInArea leaves it. */
const AREA_HEADING = 40;
const SLOT_X = 24;
const SLOT_Y = 16;
const NOTE_STEP_X = 208;

/** The index-th slot of the first row inside an empathy-map area (the first three fit side by side). */
export function empathySlot(area: EmpathyArea, index: number): { x: number; y: number } {
  const i = EMPATHY_AREAS.indexOf(area);
  const left = GAP + (i % COLS) * (AREA_WIDTH + GAP);
  const top = GAP + Math.floor(i / COLS) * (AREA_HEIGHT + GAP);
  return { x: left + SLOT_X + (index % 3) * NOTE_STEP_X, y: top + AREA_HEADING + SLOT_Y };
}

/** Same row the Define panel's "How might we…" form puts new questions in. */
export const hmwSlot = (index: number): { x: number; y: number } => ({
  x: 40 + (index % 8) * NOTE_STEP_X,
  y: 1200 + Math.floor(index / 8) * 180,
});

/** Ideas start at the board's top left, where an empty board opens. */
export const ideaSlot = (index: number): { x: number; y: number } => ({
  x: 40 + index * NOTE_STEP_X,
  y: 40,
});
