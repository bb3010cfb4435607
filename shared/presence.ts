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
}

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
});

export function readPresence(raw: unknown): PresenceState | null {
  const parsed = presenceSchema.safeParse(raw);
  return parsed.success ? (parsed.data as PresenceState) : null;
}

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
