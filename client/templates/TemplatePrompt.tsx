import "./templates.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type StageId, type TemplateId, templatePrompt } from "../../shared";
import { isLocale } from "../i18n/index";

/**
 * The workshop template's guidance for a stage, in the reader's language rather than the one the
 * workshop was created in: a Thai citizen and an English-speaking facilitator each read their own.
 */
export function TemplatePrompt({ template, stage }: { template: TemplateId | undefined; stage: StageId }) {
  const { t, i18n } = useTranslation();
  // On a phone the tip is cut to two lines so the board stays in view; the button shows the rest.
  const [open, setOpen] = useState(false);
  const locale = isLocale(i18n.language) ? i18n.language : "en";
  const prompt = templatePrompt(template, stage, locale);
  if (!template || !prompt) return null;
  return (
    <div className={`template-prompt${open ? " template-prompt--open" : ""}`}>
      <p className="template-prompt__text">
        <span className="template-prompt__label">
          {t("templates.promptLabel", { template: t(`templates.options.${template}.name`) })}
        </span>{" "}
        {prompt}
      </p>
      <button
        type="button"
        className="template-prompt__more"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? t("templates.less") : t("templates.more")}
      </button>
    </div>
  );
}
