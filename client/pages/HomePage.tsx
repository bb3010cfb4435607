import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS, parseLinkFragment, type TemplateId, templateSuggestion } from "../../shared";
import { isLocale } from "../i18n/index";
import { navigate } from "../router";
import { useSession } from "../state/session";
import { ApiFailure, createWorkshop } from "../sync/api";
import { saveLink } from "../sync/storage";
import { TemplateChooser } from "../templates/TemplateChooser";
import { LanguageSwitcher } from "../workshop/LanguageSwitcher";

/** `/`: what Ruamkid is, and the form that creates a workshop. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : "en";
  const setShareOpen = useSession((s) => s.setShareOpen);
  const [template, setTemplate] = useState<TemplateId>("blank");
  const [title, setTitle] = useState("");
  const [challenge, setChallenge] = useState("");
  // What the chooser last put into the fields: a field still holding it (or nothing) is not the user's
  // yet, so another template or another language may replace it; anything typed is left alone.
  const prefilled = useRef({ title: "", challenge: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t("app.name")} — ${t("app.tagline")}`;
  }, [t]);

  useEffect(() => {
    const before = prefilled.current;
    const next = templateSuggestion(template, locale) ?? { title: "", challenge: "" };
    prefilled.current = next;
    setTitle((current) => (current === "" || current === before.title ? next.title : current));
    setChallenge((current) => (current === "" || current === before.challenge ? next.challenge : current));
  }, [template, locale]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || !challenge.trim()) {
      setError(t("home.required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createWorkshop({
        title: title.trim(),
        challenge: challenge.trim(),
        template,
        locale,
      });
      const url = new URL(created.links.facilitator, window.location.origin);
      const link = parseLinkFragment(url.hash);
      if (link) saveLink(created.id, link);
      setShareOpen(true);
      navigate(`${url.pathname}${url.hash}`);
    } catch (failure) {
      setBusy(false);
      const message =
        failure instanceof ApiFailure && failure.status !== 0 ? failure.message : t("errors.networkBody");
      setError(t("home.error", { message }));
    }
  };

  return (
    <div className="page home">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="simple-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="home__main">
        <section className="home__intro" aria-labelledby="home-heading">
          <p className="home__tagline">{t("app.tagline")}</p>
          <h1 id="home-heading">{t("home.heading")}</h1>
          <p>{t("home.intro")}</p>
          <ol className="home__steps">
            <li>{t("home.step1")}</li>
            <li>{t("home.step2")}</li>
            <li>{t("home.step3")}</li>
          </ol>
        </section>
        <section className="card home__form" aria-labelledby="create-heading">
          <h2 id="create-heading">{t("home.formHeading")}</h2>
          <form onSubmit={submit} noValidate>
            <TemplateChooser value={template} onChange={setTemplate} />
            <label htmlFor="workshop-title" className="field-label">
              {t("home.titleLabel")}
            </label>
            <input
              id="workshop-title"
              className="input"
              type="text"
              required
              maxLength={LIMITS.titleLength}
              placeholder={t("home.titlePlaceholder")}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
            <label htmlFor="workshop-challenge" className="field-label">
              {t("home.challengeLabel")}
            </label>
            <p id="workshop-challenge-hint" className="field-hint">
              {t("home.challengeHint")}
            </p>
            <textarea
              id="workshop-challenge"
              className="input"
              rows={4}
              required
              maxLength={LIMITS.challengeLength}
              aria-describedby="workshop-challenge-hint"
              value={challenge}
              onChange={(event) => setChallenge(event.target.value)}
            />
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="button button--primary button--wide" disabled={busy}>
              {busy ? t("home.creating") : t("home.create")}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}
