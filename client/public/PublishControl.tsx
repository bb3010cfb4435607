import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useWorkshop } from "../sync/context";
import "./public.css";

/** `PublishStatus` of server/publish.ts. */
interface PublishStatus {
  published: boolean;
  publishedAt: number | null;
  publicPath: string | null;
}

async function call(workshopId: string, token: string, method: "GET" | "POST" | "DELETE") {
  const response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/publish`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as PublishStatus;
}

/**
 * Publish / Unpublish for the facilitator (the server answers 403 to everyone else). Publishing asks
 * first, saying what becomes public; unpublishing takes the public page and downloads down at once.
 */
export function PublishControl() {
  const { t } = useTranslation();
  const { api, self } = useWorkshop();
  const [status, setStatus] = useState<PublishStatus | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const dialogId = useId();
  const titleId = useId();
  const opener = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const facilitator = self.role === "facilitator" ? (api ?? null) : null;
  const workshopId = facilitator?.workshopId;
  const token = facilitator?.token;

  useEffect(() => {
    if (!workshopId || !token) return;
    let live = true;
    call(workshopId, token, "GET").then(
      (s) => live && setStatus(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [workshopId, token]);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (!facilitator || !status) return null;

  const change = async (method: "POST" | "DELETE") => {
    setBusy(true);
    try {
      const next = await call(facilitator.workshopId, facilitator.token, method);
      setStatus(next);
      setMessage(t(next.published ? "publish.nowPublished" : "publish.nowUnpublished"));
    } catch (error) {
      setMessage(t("publish.failed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const cancel = () => {
    setConfirming(false);
    opener.current?.focus();
  };

  return (
    <div className="publish-control">
      {status.published && status.publicPath ? (
        <>
          <a className="button" href={status.publicPath} target="_blank" rel="noopener">
            <span aria-hidden="true">🌐 </span>
            {t("publish.viewPublic")}
          </a>
          <button type="button" className="button" disabled={busy} onClick={() => void change("DELETE")}>
            {t("publish.unpublish")}
          </button>
        </>
      ) : (
        <button
          ref={opener}
          type="button"
          className="button"
          aria-expanded={confirming}
          aria-controls={dialogId}
          disabled={busy}
          onClick={() => setConfirming(!confirming)}
        >
          {t("publish.publish")}
        </button>
      )}
      {confirming && (
        <div
          id={dialogId}
          role="dialog"
          aria-labelledby={titleId}
          className="publish-control__dialog"
          onKeyDown={(event) => event.key === "Escape" && cancel()}
        >
          <h2 id={titleId} className="publish-control__title">
            {t("publish.confirmTitle")}
          </h2>
          <p>{t("publish.confirmBody")}</p>
          <p>{t("publish.confirmWhat")}</p>
          <p>{t("publish.confirmUndo")}</p>
          <div className="actions">
            <button
              ref={confirmButton}
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void change("POST")}
            >
              {t("publish.confirm")}
            </button>
            <button type="button" className="button" onClick={cancel}>
              {t("publish.cancel")}
            </button>
          </div>
        </div>
      )}
      <span className="visually-hidden" role="status">
        {message}
      </span>
    </div>
  );
}
