import "./uploads.css";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../sync/api";
import { useWorkshop } from "../sync/context";
import { fetchImage, type ImageCredentials } from "./api";

/**
 * Blob URLs of fetched images, shared by every `<StoredImage>` showing the same image. An image is
 * fetched once while anything shows it; its URL is revoked a while after the last one goes, so a
 * re-mount (a panel toggled, React's strict-mode double mount) does not fetch it again.
 */
interface Entry {
  promise: Promise<string>;
  url: string | null;
  users: number;
  revokeTimer: ReturnType<typeof setTimeout> | null;
}
const entries = new Map<string, Entry>();
const REVOKE_AFTER_MS = 30_000;

const keyOf = (credentials: ImageCredentials, imageId: string) => `${credentials.workshopId}/${imageId}`;

function acquire(credentials: ImageCredentials, imageId: string): Entry {
  const key = keyOf(credentials, imageId);
  let entry = entries.get(key);
  if (!entry) {
    const created: Entry = { promise: Promise.resolve(""), url: null, users: 0, revokeTimer: null };
    created.promise = fetchImage(credentials, imageId).then(
      (blob) => {
        created.url = URL.createObjectURL(blob);
        // Every user may have gone while the bytes were on their way.
        if (created.users === 0) scheduleRevoke(key, created);
        return created.url;
      },
      (error: unknown) => {
        // A failure is not kept: the next mount, or "Try again", fetches anew.
        if (entries.get(key) === created) entries.delete(key);
        throw error;
      },
    );
    entries.set(key, created);
    entry = created;
  }
  if (entry.revokeTimer) clearTimeout(entry.revokeTimer);
  entry.revokeTimer = null;
  entry.users++;
  return entry;
}

function release(key: string, entry: Entry): void {
  entry.users--;
  if (entry.users === 0 && entry.url) scheduleRevoke(key, entry);
}

function scheduleRevoke(key: string, entry: Entry): void {
  entry.revokeTimer = setTimeout(() => {
    if (entry.users > 0 || entries.get(key) !== entry) return;
    entries.delete(key);
    if (entry.url) URL.revokeObjectURL(entry.url);
  }, REVOKE_AFTER_MS);
}

type Shown = { key: string; url: string } | { key: string; failure: "missing" | "offline" | "failed" };

const failureOf = (error: unknown): "missing" | "offline" | "failed" =>
  error instanceof ApiFailure && error.status === 404
    ? "missing"
    : error instanceof ApiFailure && error.status === 0
      ? "offline"
      : "failed";

/**
 * An image stored by the server, read with this workshop's role token (an `<img src>` cannot send one).
 * Without REST credentials (tests, previews) it shows a neutral placeholder.
 */
export function StoredImage({
  imageId,
  alt,
  className,
}: {
  imageId: string;
  alt: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const { api } = useWorkshop();
  const workshopId = api?.workshopId;
  const token = api?.token;
  const key = workshopId ? `${workshopId}/${imageId}` : null;
  const [shown, setShown] = useState<Shown | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is there to fetch again on "Try again".
  useEffect(() => {
    if (!workshopId || !token || !key) return;
    const entry = acquire({ workshopId, token }, imageId);
    let live = true;
    entry.promise.then(
      (url) => live && setShown({ key, url }),
      (error: unknown) => live && setShown({ key, failure: failureOf(error) }),
    );
    return () => {
      live = false;
      release(key, entry);
    };
  }, [workshopId, token, imageId, key, attempt]);

  const classes = (modifier: string) => ["stored-image", modifier, className].filter(Boolean).join(" ");
  if (!key)
    return (
      <span className={classes("stored-image--placeholder")} role="img" aria-label={alt}>
        {t("uploads.image.placeholder")}
      </span>
    );
  // Already fetched for another view of the same image: show it on the first render, without a flash.
  const url = shown?.key === key && "url" in shown ? shown.url : (entries.get(key)?.url ?? null);
  if (url) return <img className={classes("")} src={url} alt={alt} />;
  if (shown?.key === key && "failure" in shown)
    return (
      <span className={classes("stored-image--error")}>
        <span>{t(`uploads.image.${shown.failure}`)}</span>
        {shown.failure !== "missing" && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setShown(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t("uploads.image.retry")}
          </button>
        )}
      </span>
    );
  return (
    <span className={classes("stored-image--loading")} aria-busy="true">
      {t("uploads.image.loading")}
    </span>
  );
}
