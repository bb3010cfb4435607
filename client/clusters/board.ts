import { useCallback, useMemo, useRef } from "react";
import type * as Y from "yjs";
import {
  type Cluster,
  type ClusterId,
  moveNote,
  moveNoteWithCluster,
  type Note,
  type NoteId,
  type StageId,
} from "../../shared";
import type { Rect } from "../board/geometry";
import { clusterAtDrop, clusterRect } from "./geometry";
import { type StageClusters, useStageClusters } from "./useClusters";

export interface ClusterBoard extends StageClusters {
  /** Members of each cluster among the board's (visible) notes. */
  members: ReadonlyMap<ClusterId, Note[]>;
  rects: ReadonlyMap<ClusterId, Rect>;
  /** Notes inside a collapsed cluster: not mounted while it stays collapsed. */
  folded: ReadonlySet<NoteId>;
  /**
   * A note's final move (drop, arrow key): it joins the cluster whose frame it lands in, or leaves its
   * cluster when it lands outside, in the same transaction as the move.
   */
  settle(note: Note, to: { x: number; y: number; frame?: string | null }): void;
}

/** The clusters of a stage board, their frames, and the drop rule for notes. */
export function useClusterBoard(content: Y.Doc, stage: StageId, notes: readonly Note[]): ClusterBoard {
  const view = useStageClusters(content, stage);
  const { clusters, memberships } = view;
  const derived = useMemo(() => {
    const members = new Map<ClusterId, Note[]>();
    const folded = new Set<NoteId>();
    const collapsed = new Set(clusters.filter((c) => c.collapsed).map((c) => c.id));
    if (clusters.length)
      for (const note of notes) {
        const id = memberships.get(note.id);
        if (!id) continue;
        members.set(id, [...(members.get(id) ?? []), note]);
        if (collapsed.has(id)) folded.add(note.id);
      }
    const rects = new Map<ClusterId, Rect>(
      clusters.map((c) => [c.id, clusterRect(c, members.get(c.id) ?? [])]),
    );
    return { members, folded, rects };
  }, [clusters, memberships, notes]);

  // The drop rule reads the latest state without making `settle` change (cards are memoized).
  const latest = useRef({ clusters, memberships, members: derived.members });
  latest.current = { clusters, memberships, members: derived.members };
  const settle = useCallback(
    (note: Note, to: { x: number; y: number; frame?: string | null }) => {
      const { clusters, memberships, members } = latest.current;
      const current = memberships.get(note.id) ?? null;
      const target = clusters.length
        ? clusterAtDrop(clusters, (c: Cluster) => members.get(c.id) ?? [], note.id, to)
        : null;
      const next = target?.id ?? null;
      if (next === current) moveNote(content, note.id, to);
      else moveNoteWithCluster(content, note.id, next, () => moveNote(content, note.id, to));
    },
    [content],
  );
  return { ...view, ...derived, settle };
}
