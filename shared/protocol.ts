import type { WorkshopId } from "./ids";
import type { TemplateId, TemplateLocale } from "./templates/ids";

/** What each role may do. The server enforces it per room; the UI only mirrors it. */
export const ROLES = ["facilitator", "team", "citizen", "observer"] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export type DocKind = "content" | "control";

/**
 * Room-level write permission. The control document (meta, current stage) is facilitator-only; the
 * content document is written by every role but observers. Citizens additionally pass the per-update
 * content guard on the server (only their own notes) and need a participant token to write at all.
 */
export function canWrite(role: Role, kind: DocKind): boolean {
  if (role === "observer") return false;
  if (kind === "control") return role === "facilitator";
  return true;
}

/** The websocket path; the stock provider appends `/<room>`. */
export const SYNC_PATH = "/sync";
const CONTROL_SUFFIX = "/control";

export const contentRoom = (id: WorkshopId): string => id;
export const controlRoom = (id: WorkshopId): string => `${id}${CONTROL_SUFFIX}`;

export function parseRoom(room: string): { workshopId: string; kind: DocKind } | null {
  if (room.endsWith(CONTROL_SUFFIX))
    return { workshopId: room.slice(0, -CONTROL_SUFFIX.length), kind: "control" };
  if (room.includes("/")) return null;
  return { workshopId: room, kind: "content" };
}

/** Close codes the server sends; 4000–4999 are the application range of RFC 6455. */
export const CLOSE = {
  /** The server restarts: clients reconnect. */
  serviceRestart: 1012,
  messageTooBig: 1009,
  unsupportedData: 1003,
  invalidPayload: 1007,
  /** The token was rotated or revoked while connected: the client must not retry with it. */
  tokenRevoked: 4401,
  /** The room's stored data could not be loaded. */
  roomUnavailable: 4500,
  /** Rate limit exceeded or a message the server refuses on principle (RFC 6455 "policy violation"). */
  policyViolation: 1008,
  /** The server is overloaded (room full, client too slow to drain): retry later. */
  tryAgainLater: 1013,
} as const;

/** Query parameters of the sync websocket: `/sync/<room>?token=<roleToken>&participant=<participantToken>`. */
export const SYNC_PARAMS = { token: "token", participant: "participant" } as const;

// ---- REST ----

export interface CreateWorkshopRequest {
  title: string;
  challenge: string;
  /** What the new workshop starts from (default "blank"): stage prompts and example records. */
  template?: TemplateId;
  /** Language the template's examples are written in (default "th"). */
  locale?: TemplateLocale;
}

export type RoleLinks = Record<Role, string>;

export interface CreateWorkshopResponse {
  id: WorkshopId;
  links: RoleLinks;
}

/** `GET /api/workshops/:id/session` with `Authorization: Bearer <token>`. */
export interface SessionResponse {
  id: WorkshopId;
  role: Role;
  title: string;
  /** Present for facilitators only: the share panel shows them. */
  links?: RoleLinks;
}

/** `POST /api/workshops/:id/join` with `Authorization: Bearer <roleToken>`. */
export interface JoinRequest {
  /** Display name, 0–60 characters after trimming; empty means anonymous. */
  name: string;
}

export interface JoinResponse {
  participantId: string;
  /** Secret: pass as the `participant` query parameter of the sync websocket. */
  participantToken: string;
  role: Role;
}

/** `POST /api/workshops/:id/links/:role/rotate` with the facilitator's bearer token. */
export interface RotateLinkResponse {
  /** Every role's link, the rotated one carrying its new token. */
  links: RoleLinks;
}

export interface ApiError {
  error: string;
  message: string;
}

/** Links carry the token in the fragment, so it never reaches server logs or Referer headers. */
export const workshopLink = (origin: string, id: WorkshopId, role: Role, token: string): string =>
  `${origin.replace(/\/$/, "")}/w/${id}#role=${role}&token=${encodeURIComponent(token)}`;

export function parseLinkFragment(hash: string): { role: Role; token: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const role = params.get("role");
  const token = params.get("token");
  return isRole(role) && token ? { role, token } : null;
}

// ---- Images (prototype storyboards) ----

/** The only image formats the server stores; it checks the bytes, never the name or the header. */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const isImageType = (value: unknown): value is ImageType => IMAGE_TYPES.includes(value as ImageType);

/** Defaults of the server's image limits, so the client can refuse a file before sending it. */
export const IMAGE_LIMITS = {
  /** Largest image accepted (5 MiB); the server's `MAX_IMAGE_BYTES` can change it. */
  maxBytes: 5 * 1024 * 1024,
  /** Images one workshop may hold; the server's `MAX_IMAGES_PER_WORKSHOP` can change it. */
  perWorkshop: 500,
  /** For `<input type="file" accept>`. */
  accept: IMAGE_TYPES.join(","),
} as const;

/** Image ids are nanoids (21 url-safe characters, 126 random bits). */
export const isImageId = (value: unknown): value is string =>
  typeof value === "string" && /^[A-Za-z0-9_-]{21}$/.test(value);

/**
 * `GET` it with any bearer token of the workshop, or with none while the workshop is published;
 * `POST` the raw bytes to `imagesPath(id)` (facilitator or team token).
 */
export const imagesPath = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/images`;
export const imagePath = (workshopId: string, imageId: string) =>
  `${imagesPath(workshopId)}/${encodeURIComponent(imageId)}`;

/** `POST /api/workshops/:id/images` → 201. */
export interface ImageUploadResponse {
  id: string;
  type: ImageType;
  /** Size of the stored image in bytes. */
  bytes: number;
}

/** The `error` codes an upload can fail with (besides `unauthorized` and `not_found`). */
export type ImageUploadErrorCode =
  | "forbidden"
  | "empty_image"
  | "unsupported_image"
  | "image_too_large"
  | "too_many_images";
