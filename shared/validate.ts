import { z } from "zod";
import type { NoteId, ParticipantId } from "./ids";
import { isFrame } from "./methods";
import { LIMITS, NOTE_COLORS, type NoteColor, STAGES, type StageId } from "./schema";
import { TEMPLATE_IDS, type TemplateId } from "./templates/ids";
import { clampText } from "./text";

/**
 * Readers for data that came out of a Y.Doc. Documents are written by any peer, by older versions and
 * possibly by hostile clients, so nothing read from them is trusted: bad fields fall back to defaults,
 * records without an identity are dropped, and nothing throws into the UI.
 */

const finite = (fallback: number) => z.number().finite().catch(fallback);
const clampedString = (max: number) =>
  z
    .string()
    .catch("")
    .transform((s) => clampText(s, max));

export const stageSchema = z.enum(STAGES);
export const colorSchema = z.enum(NOTE_COLORS);

const noteSchema = z.object({
  id: z.string().min(1),
  stage: stageSchema,
  text: clampedString(LIMITS.noteTextLength),
  color: colorSchema.catch("yellow"),
  x: finite(0),
  y: finite(0),
  authorId: z.string().catch(""),
  authorName: clampedString(LIMITS.displayNameLength),
  createdAt: finite(0),
  frame: z
    .string()
    .refine((f) => isFrame(f))
    .optional()
    .catch(undefined),
  answers: z.string().min(1).max(64).optional().catch(undefined),
});

export interface Note {
  id: NoteId;
  stage: StageId;
  text: string;
  color: NoteColor;
  x: number;
  y: number;
  authorId: ParticipantId;
  authorName: string;
  createdAt: number;
  /** Method area of the stage board (empathy quadrant, `hmw`, feedback cell); absent when unframed. */
  frame?: string;
  /** The HMW note this idea answers. */
  answers?: NoteId;
}

export function readNote(raw: unknown): Note | null {
  const parsed = noteSchema.safeParse(raw);
  return parsed.success ? (parsed.data as Note) : null;
}

const metaSchema = z.object({
  schemaVersion: finite(0),
  title: clampedString(LIMITS.titleLength),
  challenge: clampedString(LIMITS.challengeLength),
  createdAt: finite(0),
  currentStage: stageSchema.catch("empathize"),
  focusHmw: z.string().min(1).max(64).optional().catch(undefined),
  // Unknown ids (a newer version's template, a hostile peer) read as none: the workshop still works.
  template: z.enum(TEMPLATE_IDS).optional().catch(undefined),
});

export type Meta = z.infer<typeof metaSchema> & {
  currentStage: StageId;
  focusHmw?: NoteId;
  template?: TemplateId;
};

export function readMeta(raw: unknown): Meta {
  const parsed = metaSchema.safeParse(raw && typeof raw === "object" ? raw : {});
  return parsed.success
    ? (parsed.data as Meta)
    : { schemaVersion: 0, title: "", challenge: "", createdAt: 0, currentStage: "empathize" };
}

export const isStage = (value: unknown): value is StageId => stageSchema.safeParse(value).success;
export const isColor = (value: unknown): value is NoteColor => colorSchema.safeParse(value).success;
