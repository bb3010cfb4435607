import { z } from "zod";
import type { ParticipantId } from "./ids";
import { isRole, type Role } from "./protocol";
import { LIMITS, STAGES, type StageId } from "./schema";
import { clampText } from "./text";

/**
 * The awareness state each client publishes on the content room. Awareness comes from every peer,
 * so it is read through `readPresence` like document data.
 */
export interface PresenceState {
  user: { id: ParticipantId; name: string; color: string; role: Role };
  stage: StageId;
  /** Board coordinates of the pointer, or null when it is off the board. */
  cursor: { x: number; y: number } | null;
  /**
   * The text caret in a rich-text field, while one has focus. Like the pointer, it goes only to people on
   * the same stage. `readPresence` leaves it out when absent, null or invalid (an invalid caret does not
   * invalidate the rest of the state).
   */
  caret?: Caret | null;
}

/** A Yjs relative position as JSON (`Y.relativePositionToJSON`): a place in the text that survives edits. */
export interface RelativePositionJSON {
  type?: { client: number; clock: number };
  tname?: string;
  item?: { client: number; clock: number };
  assoc?: number;
}

export interface Caret {
  /** The rich-text fragment, `rt:<recordId>:<field>`. */
  field: string;
  anchor: RelativePositionJSON;
  head: RelativePositionJSON;
}

export const CARET_LIMITS = { field: 120 } as const;
/** What a fragment name looks like (`richTextKey`): record ids are nanoids, field names short words. */
const CARET_FIELD = /^rt:[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,32}$/;

/** A Yjs item id: a client id (uint32) and a clock (a safe, non-negative integer). */
const yId = z.object({
  client: z.number().int().min(0).max(0xffff_ffff),
  clock: z.number().int().min(0),
});
const relativePosition = z
  .object({
    type: yId.nullish(),
    tname: z.string().max(CARET_LIMITS.field).nullish(),
    item: yId.nullish(),
    assoc: z
      .number()
      .int()
      .min(-(2 ** 31))
      .max(2 ** 31 - 1)
      .nullish(),
  })
  .refine((p) => p.type != null || p.tname != null || p.item != null, "points nowhere")
  // Canonical and compact: nulls dropped, as `Y.relativePositionToJSON` writes it.
  .transform((p): RelativePositionJSON => {
    const out: RelativePositionJSON = {};
    if (p.type != null) out.type = p.type;
    if (p.tname != null) out.tname = p.tname;
    if (p.item != null) out.item = p.item;
    if (p.assoc != null) out.assoc = p.assoc;
    return out;
  });
const caretSchema = z.object({
  field: z.string().max(CARET_LIMITS.field).regex(CARET_FIELD),
  anchor: relativePosition,
  head: relativePosition,
});

const presenceSchema = z.object({
  user: z.object({
    id: z.string().min(1).max(64),
    name: z.string().transform((s) => clampText(s, LIMITS.displayNameLength)),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .catch("#6b7280"),
    role: z.string().refine(isRole).catch("citizen"),
  }),
  stage: z.enum(STAGES).catch("empathize"),
  cursor: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable().catch(null),
  caret: caretSchema.nullish().catch(undefined),
});

/** Validates a state from a peer; unknown fields are dropped, an absent/null/invalid caret is left out. */
export function readPresence(raw: unknown): PresenceState | null {
  const parsed = presenceSchema.safeParse(raw);
  if (!parsed.success) return null;
  const state = parsed.data as PresenceState;
  if (state.caret == null) delete state.caret;
  return state;
}

export const sameRelativePosition = (a: RelativePositionJSON, b: RelativePositionJSON): boolean =>
  a.tname === b.tname &&
  a.assoc === b.assoc &&
  a.type?.client === b.type?.client &&
  a.type?.clock === b.type?.clock &&
  a.item?.client === b.item?.client &&
  a.item?.clock === b.item?.clock;

export const sameCaret = (a: Caret | null | undefined, b: Caret | null | undefined): boolean =>
  a === b ||
  (a == null && b == null) ||
  (a != null &&
    b != null &&
    a.field === b.field &&
    sameRelativePosition(a.anchor, b.anchor) &&
    sameRelativePosition(a.head, b.head));

/** Distinct colors with at least 4.5:1 contrast against white text, for avatars and cursors. */
export const PRESENCE_COLORS = [
  "#b91c1c",
  "#9a3412",
  "#166534",
  "#1d4ed8",
  "#6d28d9",
  "#be185d",
  "#0f766e",
  "#4d7c0f",
];

export function colorFor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return PRESENCE_COLORS[Math.abs(hash) % PRESENCE_COLORS.length] as string;
}
