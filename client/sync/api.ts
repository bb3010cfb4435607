import type {
  ApiError,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  ParticipantId,
  Role,
  RoleLinks,
  SessionResponse,
} from "../../shared";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The `error` code of the body, when the server sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiFailure> {
  let message = response.statusText || `HTTP ${response.status}`;
  let code: string | null = null;
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (typeof body.message === "string" && body.message) message = body.message;
    if (typeof body.error === "string") code = body.error;
  } catch {
    // Not JSON: keep the status text.
  }
  return new ApiFailure(response.status, message, code);
}

/** fetch, with a network failure turned into status 0 (offline) rather than a TypeError. */
async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiFailure(0, error instanceof Error ? error.message : "network error");
  }
}

const workshopUrl = (id: string, rest: string) => `/api/workshops/${encodeURIComponent(id)}/${rest}`;

export async function createWorkshop(body: CreateWorkshopRequest): Promise<CreateWorkshopResponse> {
  const response = await request("/api/workshops", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as CreateWorkshopResponse;
}

/** Confirms the link's role; status 0 means the network failed (offline), not the server. */
export async function fetchSession(
  id: string,
  token: string,
  signal?: AbortSignal,
): Promise<SessionResponse> {
  const response = await request(workshopUrl(id, "session"), {
    headers: { authorization: `Bearer ${token}` },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as SessionResponse;
}

export interface JoinResponse {
  participantId: ParticipantId;
  participantToken: string;
  role: Role;
}

/** `POST /api/workshops/:id/join`: once per workshop per device; an empty name joins anonymously. */
export async function joinWorkshop(id: string, token: string, name: string): Promise<JoinResponse> {
  const response = await request(workshopUrl(id, "join"), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw await failure(response);
  const body = (await response.json()) as Partial<JoinResponse>;
  if (typeof body.participantId !== "string" || typeof body.participantToken !== "string")
    throw new ApiFailure(502, "malformed join response");
  return body as JoinResponse;
}

/** `POST /api/workshops/:id/links/:role/rotate` (facilitators): the old link of that role dies at once. */
export async function rotateLink(id: string, token: string, role: Role): Promise<RoleLinks> {
  const response = await request(workshopUrl(id, `links/${encodeURIComponent(role)}/rotate`), {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw await failure(response);
  return ((await response.json()) as { links: RoleLinks }).links;
}
