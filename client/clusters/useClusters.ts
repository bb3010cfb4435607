import { useCallback } from "react";
import type * as Y from "yjs";
import {
  type Cluster,
  type ClusterId,
  getClusters,
  getMemberships,
  type NoteId,
  type StageId,
} from "../../shared";
import { useDocSnapshot } from "../sync/useDoc";

export interface StageClusters {
  clusters: Cluster[];
  /** Note id → its cluster (only clusters of this stage). */
  memberships: ReadonlyMap<NoteId, ClusterId>;
}

const EMPTY: StageClusters = { clusters: [], memberships: new Map() };

const same = (a: StageClusters, b: StageClusters) =>
  JSON.stringify(a.clusters) === JSON.stringify(b.clusters) &&
  a.memberships.size === b.memberships.size &&
  [...a.memberships].every(([note, cluster]) => b.memberships.get(note) === cluster);

/** The clusters of a stage board and who is in them; the same object while nothing about them changed. */
export function useStageClusters(content: Y.Doc, stage: StageId): StageClusters {
  const read = useCallback(
    (doc: Y.Doc, previous: StageClusters | undefined): StageClusters => {
      const clusters = getClusters(doc, stage);
      const next = clusters.length ? { clusters, memberships: getMemberships(doc, stage) } : EMPTY;
      return previous && same(previous, next) ? previous : next;
    },
    [stage],
  );
  return useDocSnapshot(content, read);
}
