import "./templates.css";
import { useTranslation } from "react-i18next";
import { TEMPLATE_IDS, type TemplateId } from "../../shared";

interface Props {
  value: TemplateId;
  onChange(template: TemplateId): void;
}

/** The create form's first question: a radio group of templates drawn as cards. */
export function TemplateChooser({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="template-chooser" aria-describedby="template-chooser-hint">
      <legend className="field-label template-chooser__legend">{t("templates.legend")}</legend>
      <p id="template-chooser-hint" className="field-hint">
        {t("templates.hint")}
      </p>
      <div className="template-chooser__options">
        {TEMPLATE_IDS.map((id) => (
          <label key={id} className="template-option">
            <input
              type="radio"
              name="template"
              value={id}
              className="template-option__input"
              checked={value === id}
              // The whole card is the label (a big target); the name alone names the radio.
              aria-labelledby={`template-${id}-name`}
              aria-describedby={`template-${id}-description`}
              onChange={() => onChange(id)}
            />
            <span className="template-option__text">
              <span id={`template-${id}-name`} className="template-option__name">
                {t(`templates.options.${id}.name`)}
              </span>
              <span id={`template-${id}-description`} className="template-option__description">
                {t(`templates.options.${id}.description`)}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
