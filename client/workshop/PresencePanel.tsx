import "./presence-panel.css";
import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { ROLES, type Role } from "../../shared";
import type { Peer } from "../sync/usePresence";

/** No pointer or presence change for this long: shown as idle. */
export const IDLE_AFTER_MS = 60_000;
/** How often the idle marks are re-evaluated while the panel is open. */
const IDLE_TICK_MS = 5_000;

/**
 * When each client last changed its presence (pointer, stage, name), from the awareness `change`
 * events: keepalive renewals of an unchanged state are `update` events only, so they do not count.
 * One tracker per awareness, started the first time anyone asks; clients already present then count
 * as active from that moment.
 */
interface ActivityTracker {
  lastChange: Map<number, number>;
}
const trackers = new WeakMap<Awareness, ActivityTracker>();

export function activityOf(awareness: Awareness, now: () => number = Date.now): ActivityTracker {
  let tracker = trackers.get(awareness);
  if (tracker) return tracker;
  const created: ActivityTracker = { lastChange: new Map() };
  const at = now();
  for (const clientId of awareness.getStates().keys()) created.lastChange.set(clientId, at);
  awareness.on(
    "change",
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const t = now();
      for (const id of added) created.lastChange.set(id, t);
      for (const id of updated) created.lastChange.set(id, t);
      for (const id of removed) created.lastChange.delete(id);
    },
  );
  trackers.set(awareness, created);
  tracker = created;
  return tracker;
}

/** Client ids of the people idle for at least `idleMs`, re-checked every few seconds. */
export function useIdleClients(
  awareness: Awareness | null | undefined,
  idleMs = IDLE_AFTER_MS,
): ReadonlySet<number> {
  const [idle, setIdle] = useState<ReadonlySet<number>>(() => new Set());
  useEffect(() => {
    if (!awareness) return;
    const tracker = activityOf(awareness);
    const check = () => {
      const now = Date.now();
      const next = new Set<number>();
      for (const [id, at] of tracker.lastChange) if (now - at >= idleMs) next.add(id);
      setIdle((before) =>
        before.size === next.size && [...next].every((id) => before.has(id)) ? before : next,
      );
    };
    check();
    const timer = setInterval(check, IDLE_TICK_MS);
    const onChange = () => check();
    awareness.on("change", onChange);
    return () => {
      clearInterval(timer);
      awareness.off("change", onChange);
    };
  }, [awareness, idleMs]);
  return idle;
}

/** People grouped by role, in role order (facilitator first); you first, then by name. */
export function groupByRole(peers: Peer[], locale: string): Map<Role, Peer[]> {
  const groups = new Map<Role, Peer[]>(ROLES.map((role) => [role, []]));
  for (const peer of peers) groups.get(peer.user.role)?.push(peer);
  const collator = new Intl.Collator(locale);
  for (const list of groups.values())
    list.sort(
      (a, b) =>
        Number(b.isSelf) - Number(a.isSelf) ||
        collator.compare(a.user.name, b.user.name) ||
        a.clientId - b.clientId,
    );
  return groups;
}

/** Totals for the panel's heading line. */
export function presenceCounts(peers: Peer[], idle: ReadonlySet<number>) {
  let idleCount = 0;
  for (const peer of peers) if (idle.has(peer.clientId)) idleCount++;
  return { total: peers.length, idle: idleCount, active: peers.length - idleCount };
}
