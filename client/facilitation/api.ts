import {
  type BallotAction,
  type BallotResponse,
  estimateOffset,
  PARTICIPANT_HEADER,
  type RevealResponse,
  type TimeResponse,
} from "../../shared";
import { ApiFailure } from "../sync/api";

/** What a client needs to call the workshop's REST endpoints as itself. */
export interface ApiCredentials {
  workshopId: string;
  token: string;
  participantToken: string | null;
}

export async function call<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiFailure(0, error instanceof Error ? error.message : "network error");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiFailure(response.status, body.message ?? response.statusText, body.error ?? null);
  }
  return (await response.json()) as T;
}

const voteUrl = (c: ApiCredentials, voteId: string, rest = "") =>
  `/api/workshops/${encodeURIComponent(c.workshopId)}/votes/${encodeURIComponent(voteId)}${rest}`;

const headers = (c: ApiCredentials): Record<string, string> => ({
  authorization: `Bearer ${c.token}`,
  ...(c.participantToken ? { [PARTICIPANT_HEADER]: c.participantToken } : {}),
});

export const fetchBallot = (c: ApiCredentials, voteId: string) =>
  call<BallotResponse>(voteUrl(c, voteId), { headers: headers(c) });

export const castBallot = (c: ApiCredentials, voteId: string, target: string, action: BallotAction) =>
  call<BallotResponse>(voteUrl(c, voteId), {
    method: "POST",
    headers: { ...headers(c), "content-type": "application/json" },
    body: JSON.stringify({ target, action }),
  });

export const revealBallots = (c: ApiCredentials, voteId: string) =>
  call<RevealResponse>(voteUrl(c, voteId, "/reveal"), { method: "POST", headers: headers(c) });

/** Server − client clock offset from a few `GET /api/time` samples (least round trip wins). */
export async function measureOffset(samples = 4): Promise<number> {
  const taken: { sentAt: number; receivedAt: number; serverNow: number }[] = [];
  for (let i = 0; i < samples; i++) {
    const sentAt = Date.now();
    const body = await call<TimeResponse>("/api/time", { cache: "no-store" });
    taken.push({ sentAt, receivedAt: Date.now(), serverNow: body.now });
  }
  return estimateOffset(taken);
}
