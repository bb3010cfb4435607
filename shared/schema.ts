/**
 * Every Y key the workshop documents use, spelled once.
 *
 * A workshop is two Y.Docs so the server can enforce roles per room instead of per update:
 * - content (room `<workshopId>`): what participants make: notes.
 * - control (room `<workshopId>/control`): what only facilitators steer: meta, current stage.
 * Only top-level shared types hold collections: concurrently creating the same nested type from two
 * clients makes one of them win and silently drops the other's children.
 */
export const SCHEMA_VERSION = 1;

export const STAGES = ["empathize", "define", "ideate", "prototype", "test"] as const;
export type StageId = (typeof STAGES)[number];

export const NOTE_COLORS = ["yellow", "pink", "blue", "green", "orange", "purple"] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** Top-level types of the control document. */
export const CONTROL_KEYS = {
  meta: "meta",
} as const;

/** Fields of the control document's `meta` map. */
export const META_KEYS = {
  schemaVersion: "schemaVersion",
  title: "title",
  challenge: "challenge",
  createdAt: "createdAt",
  currentStage: "currentStage",
  /** Id of the pinned "How might we…" note, shown on the stages after Define (absent: none). */
  focusHmw: "focusHmw",
  /** Id of the template the workshop was created from (see shared/templates); absent: none. */
  template: "template",
} as const;

/** Top-level types of the content document. */
export const CONTENT_KEYS = {
  notes: "notes",
} as const;

/** Fields of one note's Y.Map inside `notes`. Each field merges on its own: a move and a recolor both win. */
export const NOTE_KEYS = {
  id: "id",
  stage: "stage",
  text: "text",
  color: "color",
  x: "x",
  y: "y",
  authorId: "authorId",
  authorName: "authorName",
  createdAt: "createdAt",
  /** Optional: which method area of its stage board the note sits in (see shared/methods.ts). */
  frame: "frame",
  /** Optional: id of the "How might we…" note an idea answers. */
  answers: "answers",
} as const;

export const LIMITS = {
  titleLength: 200,
  challengeLength: 2000,
  noteTextLength: 2000,
  displayNameLength: 60,
} as const;
