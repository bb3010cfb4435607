import { useTranslation } from "react-i18next";
import { LOCALES } from "../i18n/index";
import { useSession } from "../state/session";

/** Thai / English toggle; each button is labelled in its own language. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const locale = useSession((s) => s.locale);
  const setLocale = useSession((s) => s.setLocale);
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t("lang.label")}</legend>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          className="lang-switch__option"
          onClick={() => setLocale(option)}
        >
          {t(`lang.${option}`)}
        </button>
      ))}
    </fieldset>
  );
}
