import type { HistoryListResponse, HistoryRestoreResponse, HistorySnapshotResponse } from "../../shared";
import { type ApiCredentials, call } from "../facilitation/api";

const historyUrl = (c: ApiCredentials, rest = "") =>
  `/api/workshops/${encodeURIComponent(c.workshopId)}/history${rest}`;
const auth = (c: ApiCredentials) => ({ authorization: `Bearer ${c.token}` });

export const fetchHistory = (c: ApiCredentials) =>
  call<HistoryListResponse>(historyUrl(c), { headers: auth(c), cache: "no-store" });

export const fetchSnapshot = (c: ApiCredentials, id: number) =>
  call<HistorySnapshotResponse>(historyUrl(c, `/${id}`), { headers: auth(c), cache: "no-store" });

/** Saves the present state as a snapshot, then answers the snapshot to apply. */
export const prepareRestore = (c: ApiCredentials, id: number) =>
  call<HistoryRestoreResponse>(historyUrl(c, `/${id}/restore`), { method: "POST", headers: auth(c) });
