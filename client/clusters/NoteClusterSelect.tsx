import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { type ClusterId, getNote, type Note, type NoteId, setNoteCluster } from "../../shared";
import { clusterRect, freeSlot, outsideOf } from "./geometry";
import { useStageClusters } from "./useClusters";

/**
 * The keyboard way into a cluster: a "Move to cluster…" select in the selected note's tools. Joining
 * puts the note into the cluster's next free slot; leaving puts it just outside the frame.
 */
export function NoteClusterSelect({ note, content }: { note: Note; content: Y.Doc }) {
  const { t } = useTranslation();
  const { clusters, memberships } = useStageClusters(content, note.stage);
  if (clusters.length === 0) return null;
  const current = memberships.get(note.id) ?? "";
  const membersOf = (id: ClusterId) =>
    [...memberships].filter(([noteId, c]) => c === id && noteId !== note.id).map(([noteId]) => noteId);

  const onChange = (value: string) => {
    const cluster = clusters.find((c) => c.id === value);
    if (cluster) {
      const positions = readPositions(content, membersOf(cluster.id));
      setNoteCluster(content, note.id, cluster.id, freeSlot(cluster, positions));
      return;
    }
    const old = clusters.find((c) => c.id === current);
    const rect = old ? clusterRect(old, readPositions(content, membersOf(old.id))) : null;
    setNoteCluster(content, note.id, null, rect ? outsideOf(rect, note.y) : undefined);
  };

  return (
    <div className="note-cluster">
      <select
        className="note-cluster__select"
        aria-label={t("clusters.noteSelect")}
        title={t("clusters.noteSelect")}
        value={current}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t("clusters.none")}</option>
        {clusters.map((cluster) => (
          <option key={cluster.id} value={cluster.id}>
            {cluster.name.trim() || t("clusters.unnamed")}
          </option>
        ))}
      </select>
    </div>
  );
}

function readPositions(content: Y.Doc, ids: readonly NoteId[]): { x: number; y: number }[] {
  return ids.flatMap((id) => {
    const note = getNote(content, id);
    return note ? [{ x: note.x, y: note.y }] : [];
  });
}
