import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS, type Role } from "../../shared";
import { ApiFailure, joinWorkshop } from "../sync/api";
import {
  acceptNotice,
  loadName,
  loadParticipantId,
  noticeAccepted,
  type StoredParticipant,
  saveName,
  saveParticipant,
} from "../sync/storage";
import { LanguageSwitcher } from "../workshop/LanguageSwitcher";
import type { ErrorKind } from "./ErrorPage";

interface Props {
  id: string;
  token: string;
  linkRole: Role;
  title: string;
  onJoined(participant: StoredParticipant): void;
  /** The server refused the link itself: the caller shows the error page. */
  onRefused(kind: ErrorKind): void;
}

/** Joins and remembers the participant for this workshop on this device. */
export async function joinAndRemember(id: string, token: string, name: string): Promise<StoredParticipant> {
  const joined = await joinWorkshop(id, token, name);
  const participant: StoredParticipant = {
    participantId: joined.participantId,
    participantToken: joined.participantToken,
    name,
    role: joined.role,
    token,
  };
  saveParticipant(id, participant);
  return participant;
}

type Problem = { kind: "name" } | { kind: "message"; text: string };

/** What is stored, who sees it, for how long: the PDPA-style notice shown before anyone joins. */
export function PrivacyNotice() {
  const { t } = useTranslation();
  return (
    <dl className="notice__list">
      <dt>{t("join.noticeWhatTitle")}</dt>
      <dd>{t("join.noticeWhat")}</dd>
      <dt>{t("join.noticeWhoTitle")}</dt>
      <dd>{t("join.noticeWho")}</dd>
      <dt>{t("join.noticeHowLongTitle")}</dt>
      <dd>{t("join.noticeHowLong")}</dd>
    </dl>
  );
}

/**
 * A link's first screen on a device: a name (or an explicit anonymous choice) and the privacy notice.
 * Continuing accepts the notice and joins (`POST /join`); the participant is remembered per workshop,
 * the name and the acceptance per device, so neither is asked again.
 */
export function JoinPage({ id, token, linkRole, title, onJoined, onRefused }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(loadName);
  const [anonymous, setAnonymous] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [acceptedBefore] = useState(noticeAccepted);
  const alertRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    document.title = title ? `${title} — ${t("app.name")}` : t("app.name");
  }, [title, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = anonymous ? "" : name.trim();
    if (!anonymous && !trimmed) {
      setProblem({ kind: "name" });
      return;
    }
    acceptNotice();
    if (trimmed) saveName(trimmed);
    setBusy(true);
    setProblem(null);
    try {
      onJoined(await joinAndRemember(id, token, trimmed));
    } catch (error) {
      setBusy(false);
      const failure = error instanceof ApiFailure ? error : new ApiFailure(0, String(error));
      if (failure.status === 401 || failure.status === 403) return onRefused("unauthorized");
      if (failure.status === 404 && failure.code === "not_found") return onRefused("notFound");
      if (failure.status === 404) {
        // The workshop exists (its session answered) but the server has no join endpoint: an older
        // server. Join with this device's own id, as before; nothing is remembered for the workshop.
        return onJoined({ participantId: loadParticipantId(), participantToken: "", name: trimmed });
      }
      const text =
        failure.status === 429
          ? t("join.rateLimited")
          : failure.status === 0
            ? t("errors.networkBody")
            : t("join.failed", { message: failure.message });
      setProblem({ kind: "message", text });
    }
  };

  useEffect(() => {
    if (problem?.kind === "message") alertRef.current?.focus();
  }, [problem]);

  return (
    <div className="page page--center join">
      <header className="simple-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="card join-card">
        <h1>{title ? t("join.heading", { title }) : t("join.headingFallback")}</h1>
        <p className="join__role">{t("join.role", { role: t(`roles.${linkRole}.name`) })}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="display-name" className="field-label">
            {t("join.nameLabel")}
          </label>
          <p id="display-name-hint" className="field-hint">
            {t("join.nameHint")}
          </p>
          <input
            id="display-name"
            className="input"
            type="text"
            autoComplete="nickname"
            maxLength={LIMITS.displayNameLength}
            value={anonymous ? "" : name}
            disabled={anonymous}
            aria-invalid={problem?.kind === "name" || undefined}
            aria-describedby={problem?.kind === "name" ? "display-name-error" : "display-name-hint"}
            onChange={(event) => {
              setName(event.target.value);
              setProblem(null);
            }}
          />
          {problem?.kind === "name" && (
            <p id="display-name-error" className="field-error" role="alert">
              {t("join.nameRequired")}
            </p>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={anonymous}
              onChange={(event) => {
                setAnonymous(event.target.checked);
                setProblem(null);
              }}
            />
            <span>
              {t("join.anonymous")}
              <span className="check__hint">{t("join.anonymousHint")}</span>
            </span>
          </label>

          <section className="notice" aria-labelledby="notice-heading">
            {acceptedBefore ? (
              <details>
                <summary id="notice-heading">{t("join.noticeAccepted")}</summary>
                <PrivacyNotice />
              </details>
            ) : (
              <>
                <h2 id="notice-heading" className="notice__heading">
                  {t("join.noticeHeading")}
                </h2>
                <PrivacyNotice />
                <p className="notice__consent">{t("join.consent")}</p>
              </>
            )}
          </section>

          {problem?.kind === "message" && (
            <p ref={alertRef} tabIndex={-1} className="field-error" role="alert">
              {problem.text}
            </p>
          )}
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? t("join.joining") : acceptedBefore ? t("join.continue") : t("join.accept")}
          </button>
        </form>
      </main>
    </div>
  );
}
