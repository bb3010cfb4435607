import "./history.css";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type CollectionChanges,
  decodeDoc,
  fromBase64,
  type HistoryEntry,
  type HistorySnapshotResponse,
  type HistorySummary,
  restoreContent,
} from "../../shared";
import { useWorkshop } from "../sync/context";
import { useAnnounce } from "../workshop/Announcer";
import { fetchHistory, fetchSnapshot, prepareRestore } from "./api";
import { contentUndoFor } from "./undo";

const KINDS = ["notes", "personas", "interviews", "povs", "prototypes"] as const;

/** "Notes +12 added, 3 moved, 1 deleted · Personas +1 added", localized from the counts. */
export function useSummaryText(): (summary: HistorySummary) => string {
  const { t } = useTranslation();
  return useCallback(
    (summary: HistorySummary) => {
      const parts: string[] = [];
      for (const kind of KINDS) {
        const c: CollectionChanges & { moved?: number } = summary[kind];
        const bits: string[] = [];
        if (c.added) bits.push(t("history.summary.added", { count: c.added }));
        if (c.moved) bits.push(t("history.summary.moved", { count: c.moved }));
        if (c.edited) bits.push(t("history.summary.edited", { count: c.edited }));
        if (c.deleted) bits.push(t("history.summary.deleted", { count: c.deleted }));
        if (bits.length) parts.push(`${t(`history.summary.${kind}`)} ${bits.join(", ")}`);
      }
      if (summary.richText) parts.push(t("history.summary.richText", { count: summary.richText }));
      return parts.length ? parts.join(" · ") : t("history.summary.none");
    },
    [t],
  );
}

type Status = { kind: "idle" } | { kind: "busy" } | { kind: "error"; message: string } | { kind: "done" };

/** Facilitators: the workshop's snapshots, a preview of one, and restoring it (with a confirm step). */
export function HistoryPanel() {
  const { t, i18n } = useTranslation();
  const { docs, api } = useWorkshop();
  const announce = useAnnounce();
  const summaryText = useSummaryText();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<HistorySnapshotResponse | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  const load = useCallback(async () => {
    if (!api) return;
    setLoadError(null);
    try {
      setEntries((await fetchHistory(api)).entries);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, [api]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  if (!api) return null;
  const time = (at: number) =>
    new Date(at).toLocaleString(i18n.language, { dateStyle: "short", timeStyle: "medium" });

  const showPreview = async (id: number) => {
    try {
      setPreview(await fetchSnapshot(api, id));
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  };

  const restore = async (id: number) => {
    setStatus({ kind: "busy" });
    try {
      const body = await prepareRestore(api, id);
      const snapshot = decodeDoc(fromBase64(body.state));
      const undo = contentUndoFor(docs.content);
      // Its own undo step: never merged with an edit made just before or after.
      undo.manager.stopCapturing();
      restoreContent(docs.content, snapshot);
      undo.manager.stopCapturing();
      snapshot.destroy();
      setStatus({ kind: "done" });
      setConfirming(null);
      announce(t("history.panel.restored"));
      await load();
    } catch (e) {
      setStatus({ kind: "error", message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <details className="history" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t("history.panel.open")}</summary>
      {open && (
        <section className="history__body" aria-labelledby="history-heading">
          <div className="history__top">
            <h2 id="history-heading">{t("history.panel.heading")}</h2>
            <button type="button" className="button button--ghost button--small" onClick={() => void load()}>
              {t("history.panel.refresh")}
            </button>
          </div>
          <p className="history__intro">{t("history.panel.intro")}</p>
          {loadError && (
            <p role="alert" className="history__error">
              {t("history.panel.failed", { message: loadError })}
            </p>
          )}
          {status.kind === "done" && <p className="history__done">{t("history.panel.restored")}</p>}
          {status.kind === "error" && (
            <p role="alert" className="history__error">
              {t("history.panel.restoreFailed", { message: status.message })}
            </p>
          )}
          {entries === null ? (
            <p>{t("history.panel.loading")}</p>
          ) : entries.length === 0 ? (
            <p>{t("history.panel.empty")}</p>
          ) : (
            <ol className="history__list">
              {entries.map((entry) => (
                <li key={entry.id} className="history__entry" data-testid="history-entry">
                  <div className="history__meta">
                    <time dateTime={new Date(entry.at).toISOString()}>{time(entry.at)}</time>
                    <span className={`history__reason history__reason--${entry.reason}`}>
                      {t(`history.panel.reason.${entry.reason}`)}
                    </span>
                    <span>{t("history.panel.onStage", { stage: t(`stages.${entry.stage}.name`) })}</span>
                  </div>
                  <p className="history__summary">{summaryText(entry.summary)}</p>
                  <div className="history__actions">
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      onClick={() => void showPreview(entry.id)}
                    >
                      {t("history.panel.preview")}
                    </button>
                    {confirming === entry.id ? (
                      <div className="history__confirm">
                        <p>{t("history.panel.confirm")}</p>
                        <button
                          type="button"
                          className="button button--small button--danger"
                          disabled={status.kind === "busy"}
                          onClick={() => void restore(entry.id)}
                        >
                          {status.kind === "busy"
                            ? t("history.panel.restoring")
                            : t("history.panel.confirmYes")}
                        </button>
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          onClick={() => setConfirming(null)}
                        >
                          {t("history.panel.cancel")}
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => {
                          setStatus({ kind: "idle" });
                          setConfirming(entry.id);
                        }}
                      >
                        {t("history.panel.restore")}
                      </button>
                    )}
                  </div>
                  {preview?.entry.id === entry.id && (
                    <div className="history__preview" data-testid="history-preview">
                      <h3>{t("history.panel.previewHeading", { time: time(entry.at) })}</h3>
                      <p>{t("history.panel.holds", entry.counts)}</p>
                      <ul className="history__notes">
                        {preview.content.notes.slice(0, 50).map((note) => (
                          <li key={note.id}>
                            <span className="history__stage">{t(`stages.${note.stage}.name`)}</span>{" "}
                            {note.text}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </details>
  );
}
