import {
  EMPATHY_AREAS,
  type EmpathyArea,
  empathyFrame,
  FEEDBACK_AREAS,
  type FeedbackArea,
  feedbackFrame,
  isFrame,
  type StageId,
} from "../../shared";
import { BOARD_HEIGHT, BOARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH, placeNote } from "../board/geometry";

/** A labelled region of a stage board; notes inside it carry its frame. */
export interface Area {
  frame: string;
  area: EmpathyArea;
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 16;
const COLS = 3;
const WIDTH = Math.floor((BOARD_WIDTH - GAP * (COLS + 1)) / COLS);
const HEIGHT = 760;

/** The empathy map on the Empathize board: Says/Thinks/Does on top, Feels/Pains/Gains below. */
export const EMPATHY_LAYOUT: readonly Area[] = EMPATHY_AREAS.map((area, i) => ({
  frame: empathyFrame(area),
  area,
  x: GAP + (i % COLS) * (WIDTH + GAP),
  y: GAP + Math.floor(i / COLS) * (HEIGHT + GAP),
  width: WIDTH,
  height: HEIGHT,
}));

export const boardAreas = (stage: StageId): readonly Area[] => (stage === "empathize" ? EMPATHY_LAYOUT : []);

/**
 * The frame a note dropped at (x, y) gets: the area holding its centre, or null outside every area.
 * Stages without areas return undefined: a move there leaves the frame as it is (HMW notes stay HMW).
 */
export function frameAt(stage: StageId, x: number, y: number): string | null | undefined {
  const areas = boardAreas(stage);
  if (!areas.length) return undefined;
  const cx = x + NOTE_WIDTH / 2;
  const cy = y + NOTE_HEIGHT / 2;
  const hit = areas.find((a) => cx >= a.x && cx < a.x + a.width && cy >= a.y && cy < a.y + a.height);
  return hit && isFrame(hit.frame) ? hit.frame : null;
}

/** A free spot for a new note inside an area. */
export function placeInArea(area: Omit<Area, "area">, taken: readonly { x: number; y: number }[]) {
  return placeNote({ left: area.x, top: area.y + 40, width: area.width, height: area.height - 40 }, taken);
}

/** A feedback quadrant of one prototype on the Test board. */
export interface FeedbackRegion extends Omit<Area, "area"> {
  area: FeedbackArea;
  prototypeId: string;
  prototypeTitle: string;
}

const FEEDBACK_COLS = FEEDBACK_AREAS.length;
const FEEDBACK_WIDTH = Math.floor((BOARD_WIDTH - GAP * (FEEDBACK_COLS + 1)) / FEEDBACK_COLS);

/**
 * The Test board: one row per prototype with its Likes/Wishes/Questions/Ideas side by side. Rows share
 * the board's height, so every prototype's grid stays on the canvas however many there are.
 */
export function feedbackLayout(prototypes: readonly { id: string; title: string }[]): FeedbackRegion[] {
  if (!prototypes.length) return [];
  const height = Math.max(NOTE_HEIGHT + 56, Math.floor((BOARD_HEIGHT - GAP) / prototypes.length) - GAP);
  return prototypes.flatMap((prototype, row) =>
    FEEDBACK_AREAS.map((area, col) => ({
      frame: feedbackFrame(prototype.id, area),
      area,
      prototypeId: prototype.id,
      prototypeTitle: prototype.title,
      x: GAP + col * (FEEDBACK_WIDTH + GAP),
      y: GAP + row * (height + GAP),
      width: FEEDBACK_WIDTH,
      height,
    })),
  );
}
