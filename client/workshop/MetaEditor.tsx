import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { LIMITS, type Meta, renameWorkshop, setChallenge } from "../../shared";

/** The facilitator's form for the workshop title and challenge (the control document). */
export function MetaEditor({ control, meta, onDone }: { control: Y.Doc; meta: Meta; onDone(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(meta.title);
  const [challenge, setChallengeText] = useState(meta.challenge);
  const [error, setError] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError(true);
      return;
    }
    if (title.trim() !== meta.title) renameWorkshop(control, title.trim());
    if (challenge.trim() !== meta.challenge) setChallenge(control, challenge.trim());
    onDone();
  };

  return (
    <form
      className="meta-edit"
      onSubmit={submit}
      noValidate
      aria-labelledby="meta-edit-heading"
      onKeyDown={(event) => {
        if (event.key === "Escape") onDone();
      }}
    >
      <h2 id="meta-edit-heading" className="visually-hidden">
        {t("meta.edit")}
      </h2>
      <label htmlFor="meta-title" className="field-label">
        {t("home.titleLabel")}
      </label>
      <input
        ref={titleRef}
        id="meta-title"
        className="input"
        type="text"
        maxLength={LIMITS.titleLength}
        value={title}
        aria-invalid={error || undefined}
        aria-describedby={error ? "meta-title-error" : undefined}
        onChange={(event) => {
          setTitle(event.target.value);
          setError(false);
        }}
      />
      {error && (
        <p id="meta-title-error" className="field-error" role="alert">
          {t("meta.titleRequired")}
        </p>
      )}
      <label htmlFor="meta-challenge" className="field-label">
        {t("home.challengeLabel")}
      </label>
      <textarea
        id="meta-challenge"
        className="input"
        rows={3}
        maxLength={LIMITS.challengeLength}
        value={challenge}
        onChange={(event) => setChallengeText(event.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t("meta.save")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("share.cancel")}
        </button>
      </div>
    </form>
  );
}
