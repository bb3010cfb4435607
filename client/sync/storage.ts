import { isRole, newParticipantId, type ParticipantId, type Role } from "../../shared";

/**
 * What this device remembers: the display name, that the privacy notice was accepted, each workshop's
 * link, and the participant the server issued for each workshop.
 */
const NAME_KEY = "ruamkid:name";
const PARTICIPANT_KEY = "ruamkid:participant";
const NOTICE_KEY = "ruamkid:privacy-notice";
const linkKey = (workshopId: string) => `ruamkid:link:${workshopId}`;
const participantKey = (workshopId: string) => `ruamkid:participant:${workshopId}`;

/** Bump when the notice's substance changes: everyone is asked again. */
export const NOTICE_VERSION = 1;

export interface StoredLink {
  role: Role;
  token: string;
}

/** Who this device is in one workshop, as `POST /api/workshops/:id/join` answered. */
export interface StoredParticipant {
  participantId: ParticipantId;
  participantToken: string;
  /** The display name sent when joining; empty when joined anonymously. */
  name: string;
  /** The role it joined with: the server accepts a participant only with a link of the same role. */
  role?: Role;
  /**
   * The role token (link) it joined with. Replacing a role's link revokes its participants on the
   * server, so a participant is only used with the link it joined with.
   */
  token?: string;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the app still works for this visit.
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

function readJson(key: string): Record<string, unknown> | null {
  const raw = read(key);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const loadName = (): string => read(NAME_KEY)?.trim() ?? "";
export const saveName = (name: string): void => write(NAME_KEY, name.trim());

/** A device-wide id, used only when the server predates the join endpoint. */
export function loadParticipantId(): ParticipantId {
  const existing = read(PARTICIPANT_KEY);
  if (existing) return existing as ParticipantId;
  const id = newParticipantId();
  write(PARTICIPANT_KEY, id);
  return id;
}

export function loadParticipant(workshopId: string): StoredParticipant | null {
  const value = readJson(participantKey(workshopId));
  if (!value) return null;
  const { participantId, participantToken, name, role, token } = value;
  if (typeof participantId !== "string" || !participantId) return null;
  if (typeof participantToken !== "string" || !participantToken) return null;
  return {
    participantId: participantId as ParticipantId,
    participantToken,
    name: typeof name === "string" ? name : "",
    ...(isRole(role) ? { role } : {}),
    ...(typeof token === "string" && token ? { token } : {}),
  };
}

export const saveParticipant = (workshopId: string, participant: StoredParticipant): void =>
  write(participantKey(workshopId), JSON.stringify(participant));

export const forgetParticipant = (workshopId: string): void => remove(participantKey(workshopId));

/** Whether this device accepted the current privacy notice. */
export const noticeAccepted = (): boolean => readJson(NOTICE_KEY)?.version === NOTICE_VERSION;

export const acceptNotice = (): void =>
  write(NOTICE_KEY, JSON.stringify({ version: NOTICE_VERSION, acceptedAt: new Date().toISOString() }));

export function loadLink(workshopId: string): StoredLink | null {
  const value = readJson(linkKey(workshopId));
  if (!value) return null;
  const { role, token } = value;
  return isRole(role) && typeof token === "string" && token ? { role, token } : null;
}

export const saveLink = (workshopId: string, link: StoredLink): void =>
  write(linkKey(workshopId), JSON.stringify(link));
