import "./history.css";
import { useTranslation } from "react-i18next";
import { useWorkshop } from "../sync/context";
import { useContentUndo, useUndoShortcuts } from "./undo";

/** Undo / Redo of this person's own changes, with the keyboard shortcuts; nothing for read-only people. */
export function UndoControls() {
  const { t } = useTranslation();
  const { docs, readOnly } = useWorkshop();
  useUndoShortcuts(docs.content, !readOnly);
  const state = useContentUndo(docs.content);
  if (readOnly) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar-like group of two buttons, not a form fieldset.
    <div className="undo" role="group" aria-label={t("history.undoGroup")}>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={!state.canUndo}
        title={t("history.undoLabel")}
        aria-keyshortcuts="Control+Z Meta+Z"
        onClick={state.undo}
      >
        <span aria-hidden="true">↶ </span>
        {t("history.undo")}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={!state.canRedo}
        title={t("history.redoLabel")}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        onClick={state.redo}
      >
        <span aria-hidden="true">↷ </span>
        {t("history.redo")}
      </button>
    </div>
  );
}
