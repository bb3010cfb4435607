import "./clusters.css";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import type { ClusterId } from "../../shared";
import type { ClusterBoard } from "./board";
import { ClusterFrame } from "./ClusterFrame";

/** The cluster frames of a board, drawn behind its notes. */
export function ClusterLayer({
  board,
  content,
  editable,
  focusId,
}: {
  board: ClusterBoard;
  content: Y.Doc;
  editable: boolean;
  focusId: ClusterId | null;
}) {
  return (
    <>
      {board.clusters.map((cluster) => {
        const rect = board.rects.get(cluster.id);
        if (!rect) return null;
        return (
          <ClusterFrame
            key={cluster.id}
            cluster={cluster}
            rect={rect}
            count={board.members.get(cluster.id)?.length ?? 0}
            content={content}
            editable={editable}
            autoFocus={cluster.id === focusId}
          />
        );
      })}
    </>
  );
}

/** "New cluster" above the board (team and facilitators). */
export function NewClusterButton({ onCreate }: { onCreate(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--ghost cluster-add" onClick={onCreate}>
      <span aria-hidden="true">▢ </span>
      {t("clusters.add")}
    </button>
  );
}
