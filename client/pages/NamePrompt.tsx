import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../shared";
import { saveName } from "../sync/storage";
import { LanguageSwitcher } from "../workshop/LanguageSwitcher";

/** Asks for a display name once per device; the name is remembered in localStorage. */
export function NamePrompt({ title, onDone }: { title: string; onDone(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [error, setError] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(true);
      return;
    }
    saveName(trimmed);
    onDone(trimmed);
  };

  return (
    <div className="page page--center">
      <header className="simple-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="card name-card">
        <h1>{title ? t("name.heading", { title }) : t("name.headingFallback")}</h1>
        <p>{t("name.intro")}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="display-name" className="field-label">
            {t("name.label")}
          </label>
          <input
            id="display-name"
            className="input"
            type="text"
            autoComplete="nickname"
            maxLength={LIMITS.displayNameLength}
            value={name}
            aria-invalid={error || undefined}
            aria-describedby={error ? "display-name-error" : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setError(false);
            }}
            // biome-ignore lint/a11y/noAutofocus: the name is the only thing this screen asks for.
            autoFocus
          />
          {error && (
            <p id="display-name-error" className="field-error" role="alert">
              {t("name.required")}
            </p>
          )}
          <button type="submit" className="button button--primary button--wide">
            {t("name.submit")}
          </button>
        </form>
      </main>
    </div>
  );
}
