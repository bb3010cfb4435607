import { isRole, newParticipantId, type ParticipantId, type Role } from "../../shared";

/** What this device remembers: the display name, a stable participant id, and each workshop's link. */
const NAME_KEY = "ruamkid:name";
const PARTICIPANT_KEY = "ruamkid:participant";
const linkKey = (workshopId: string) => `ruamkid:link:${workshopId}`;

export interface StoredLink {
  role: Role;
  token: string;
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

export const loadName = (): string => read(NAME_KEY)?.trim() ?? "";
export const saveName = (name: string): void => write(NAME_KEY, name.trim());

export function loadParticipantId(): ParticipantId {
  const existing = read(PARTICIPANT_KEY);
  if (existing) return existing as ParticipantId;
  const id = newParticipantId();
  write(PARTICIPANT_KEY, id);
  return id;
}

export function loadLink(workshopId: string): StoredLink | null {
  const raw = read(linkKey(workshopId));
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object") {
      const { role, token } = parsed as Record<string, unknown>;
      if (isRole(role) && typeof token === "string" && token) return { role, token };
    }
  } catch {
    // Corrupt entry: treat as missing.
  }
  return null;
}

export const saveLink = (workshopId: string, link: StoredLink): void =>
  write(linkKey(workshopId), JSON.stringify(link));
