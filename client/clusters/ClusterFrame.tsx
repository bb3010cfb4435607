import { type KeyboardEvent, memo, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  type Cluster,
  collapseCluster,
  moveCluster,
  NOTE_COLORS,
  type NoteColor,
  recolorCluster,
  renameCluster,
  ungroupCluster,
} from "../../shared";
import { arrowDelta, clampX, clampY, type Rect } from "../board/geometry";
import { useBoardDrag } from "../board/useBoardDrag";
import { useAnnounce } from "../workshop/Announcer";
import { clampClusterX, clampClusterY } from "./geometry";

interface Props {
  cluster: Cluster;
  rect: Rect;
  count: number;
  content: Y.Doc;
  /** Team and facilitators (on an unlocked board) shape clusters; everyone else sees them. */
  editable: boolean;
  /** Just created: the name field takes the focus so typing names it. */
  autoFocus: boolean;
}

const clampNote = (at: { x: number; y: number }) => ({ x: clampX(at.x), y: clampY(at.y) });

/** One cluster's frame: a header to name, recolor, collapse, move and ungroup it; its notes sit inside. */
export const ClusterFrame = memo(function ClusterFrame({
  cluster,
  rect,
  count,
  content,
  editable,
  autoFocus,
}: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const nameRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const cancelled = useRef(false);
  const { position: dragPos, handlers: dragHandlers } = useBoardDrag({
    at: cluster,
    clamp: (to) => ({ x: clampClusterX(to.x), y: clampClusterY(to.y) }),
    // Members travel along for everyone: moveCluster moves them in the same transaction.
    write: (to) => move(to.x, to.y),
  });
  const name = cluster.name.trim() || t("clusters.unnamed");

  useEffect(() => {
    if (!autoFocus) return;
    nameRef.current?.focus();
    nameRef.current?.select();
  }, [autoFocus]);

  const move = (x: number, y: number) =>
    moveCluster(content, cluster.id, { x: clampClusterX(x), y: clampClusterY(y) }, clampNote);

  const commitName = () => {
    if (draft !== null && !cancelled.current && draft !== cluster.name)
      renameCluster(content, cluster.id, draft);
    cancelled.current = false;
    setDraft(null);
  };

  const onNameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.blur();
    } else if (event.key === "Escape") {
      event.preventDefault();
      cancelled.current = true;
      event.currentTarget.blur();
    }
  };

  const onHandleKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const delta = arrowDelta(event.key, event.shiftKey);
    if (!delta) return;
    event.preventDefault();
    move(cluster.x + delta.dx, cluster.y + delta.dy);
  };

  const dx = dragPos ? dragPos.x - cluster.x : 0;
  const dy = dragPos ? dragPos.y - cluster.y : 0;
  const countText = t("clusters.count", { count });

  return (
    <section
      className={`cluster cluster--${cluster.color}${cluster.collapsed ? " cluster--collapsed" : ""}`}
      style={{
        left: rect.left + dx,
        top: rect.top + dy,
        width: rect.right - rect.left,
        height: rect.bottom - rect.top,
      }}
      aria-label={t("clusters.label", { name })}
      data-testid="cluster"
      data-cluster-id={cluster.id}
    >
      <div className="cluster__header">
        {editable && (
          <button
            type="button"
            className="cluster__handle"
            aria-label={t("clusters.move", { name })}
            title={t("clusters.move", { name })}
            {...dragHandlers}
            onKeyDown={onHandleKey}
          >
            <span className="note__grip" aria-hidden="true" />
          </button>
        )}
        {editable ? (
          <input
            ref={nameRef}
            className="cluster__name"
            aria-label={t("clusters.name")}
            maxLength={80}
            value={draft ?? cluster.name}
            placeholder={t("clusters.unnamed")}
            onFocus={() => setDraft(cluster.name)}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={commitName}
            onKeyDown={onNameKey}
          />
        ) : (
          <h3 className="cluster__name">{name}</h3>
        )}
        <span className="cluster__count" data-testid="cluster-count">
          {countText}
        </span>
        {editable && (
          <>
            <select
              className="cluster__color"
              aria-label={t("clusters.color")}
              value={cluster.color}
              onChange={(event) => recolorCluster(content, cluster.id, event.target.value as NoteColor)}
            >
              {NOTE_COLORS.map((color) => (
                <option key={color} value={color}>
                  {t(`colors.${color}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="icon-button cluster__toggle"
              aria-expanded={!cluster.collapsed}
              aria-label={t(cluster.collapsed ? "clusters.expand" : "clusters.collapse", { name })}
              title={t(cluster.collapsed ? "clusters.expand" : "clusters.collapse", { name })}
              onClick={() => collapseCluster(content, cluster.id, !cluster.collapsed)}
            >
              <span aria-hidden="true">{cluster.collapsed ? "▸" : "▾"}</span>
            </button>
            <button
              type="button"
              className="button button--ghost button--small cluster__ungroup"
              aria-label={t("clusters.ungroup", { name })}
              onClick={() => {
                ungroupCluster(content, cluster.id);
                announce(t("clusters.ungrouped", { name }));
              }}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </>
        )}
      </div>
    </section>
  );
});
