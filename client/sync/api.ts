import type { ApiError, CreateWorkshopRequest, CreateWorkshopResponse, SessionResponse } from "../../shared";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiFailure> {
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (typeof body.message === "string" && body.message) message = body.message;
  } catch {
    // Not JSON: keep the status text.
  }
  return new ApiFailure(response.status, message);
}

export async function createWorkshop(request: CreateWorkshopRequest): Promise<CreateWorkshopResponse> {
  const response = await fetch("/api/workshops", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
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
  let response: Response;
  try {
    response = await fetch(`/api/workshops/${encodeURIComponent(id)}/session`, {
      headers: { authorization: `Bearer ${token}` },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiFailure(0, error instanceof Error ? error.message : "network error");
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as SessionResponse;
}
