import { useTranslation } from "react-i18next";
import { MAX_ZOOM, MIN_ZOOM, useSession } from "../state/session";

/** Add-note and zoom controls above the board. */
export function BoardTools({ onAdd, readOnly }: { onAdd(): void; readOnly: boolean }) {
  const { t } = useTranslation();
  const zoom = useSession((s) => s.zoom);
  const setZoom = useSession((s) => s.setZoom);
  return (
    <div className="board-tools">
      {!readOnly && (
        <button type="button" className="button button--primary" onClick={onAdd} aria-keyshortcuts="N">
          <span aria-hidden="true">+ </span>
          {t("board.add")}
        </button>
      )}
      <div className="board-tools__zoom">
        <button
          type="button"
          className="icon-button"
          aria-label={t("board.zoomOut")}
          title={t("board.zoomOut")}
          disabled={zoom <= MIN_ZOOM}
          onClick={() => setZoom(zoom - 0.25)}
        >
          −
        </button>
        <button
          type="button"
          className="button button--ghost board-tools__percent"
          aria-label={t("board.zoomReset", { percent: Math.round(zoom * 100) })}
          onClick={() => setZoom(1)}
        >
          {Math.round(zoom * 100)}%
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t("board.zoomIn")}
          title={t("board.zoomIn")}
          disabled={zoom >= MAX_ZOOM}
          onClick={() => setZoom(zoom + 0.25)}
        >
          +
        </button>
      </div>
    </div>
  );
}
