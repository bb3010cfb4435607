import type { Note, ParticipantId, Role } from "../shared";

/**
 * What the UI offers each role. The server enforces the same rules (it drops anything else); the UI
 * only hides controls that would not work.
 */
export const canAddNotes = (role: Role): boolean => role !== "observer";

/** Citizens edit, move and delete their own notes; team and facilitators every note; observers none. */
export function canEditNote(role: Role, self: ParticipantId, note: Pick<Note, "authorId">): boolean {
  if (role === "facilitator" || role === "team") return true;
  if (role === "citizen") return note.authorId === self;
  return false;
}

/** Title, challenge and the current stage (the control document) belong to facilitators. */
export const canSteer = (role: Role): boolean => role === "facilitator";
