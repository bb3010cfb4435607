import * as Y from "yjs";
import type { Role } from "../../shared/protocol";
import type { UpdateAuthor } from "../persistence/types";

/** The Yjs ids an update inserts (`i`: client → [from, to)) and deletes (`d`: client → [clock, len][]). */
export interface UpdateChanges {
  i: Record<string, [number, number]>;
  d: Record<string, [number, number][]>;
}

export function describeChanges(update: Uint8Array): UpdateChanges {
  const { structs, ds } = Y.decodeUpdate(update);
  const i: UpdateChanges["i"] = {};
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    const key = String(s.id.client);
    const range = i[key];
    const end = s.id.clock + s.length;
    if (range) {
      range[0] = Math.min(range[0], s.id.clock);
      range[1] = Math.max(range[1], end);
    } else i[key] = [s.id.clock, end];
  }
  const d: UpdateChanges["d"] = {};
  for (const [client, items] of ds.clients) d[String(client)] = items.map((x) => [x.clock, x.len]);
  return { i, d };
}

/** The attribution row for an update the room accepted from a connection. */
export function authorOf(
  update: Uint8Array,
  who: { role: Role; participantId?: string | null },
): { author: UpdateAuthor; clients: number[] } {
  const changes = describeChanges(update);
  return {
    author: { role: who.role, participantId: who.participantId ?? null, changes: JSON.stringify(changes) },
    clients: Object.keys(changes.i).map(Number),
  };
}

/** Remembers which writer first used each client id in a room (see `GuardOptions.claims`). */
export function claimClients(claims: Map<number, string>, clients: number[], owner: string): void {
  for (const client of clients) if (!claims.has(client)) claims.set(client, owner);
}
