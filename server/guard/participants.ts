import { createHash } from "node:crypto";
import { newParticipantId, newToken } from "../../shared/ids";
import type { Role } from "../../shared/protocol";
import type { ParticipantRecord, Persistence } from "../persistence/types";

/** Participant tokens are stored only as this digest: a leaked database does not let anyone write as them. */
export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** Creates a participant of `workshopId` with `role`; returns the record and the token (shown once). */
export function issueParticipant(
  persistence: Persistence,
  workshopId: string,
  role: Role,
  name: string,
): { record: ParticipantRecord; token: string } {
  const token = newToken();
  const record: ParticipantRecord = {
    workshopId,
    id: newParticipantId(),
    name,
    role,
    tokenHash: hashToken(token),
    createdAt: Date.now(),
  };
  persistence.addParticipant(record);
  return { record, token };
}

/**
 * The participant a token names, if it belongs to this workshop, is not revoked, and joined with the
 * same role as the connection's role token (a citizen's identity does not travel with a team link).
 */
export function resolveParticipant(
  persistence: Persistence,
  workshopId: string,
  role: Role,
  token: string,
): ParticipantRecord | null {
  const record = persistence.findParticipant(workshopId, hashToken(token));
  return record && record.role === role ? record : null;
}
