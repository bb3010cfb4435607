import { useTranslation } from "react-i18next";
import { NOTE_COLORS, type NoteColor } from "../../shared";

interface Props {
  color: NoteColor;
  onColor(color: NoteColor): void;
  onDelete(): void;
}

/** Color swatches and the delete button of the selected note. */
export function NoteTools({ color, onColor, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <div className="note-tools">
      <fieldset className="note-tools__colors">
        <legend className="visually-hidden">{t("note.colors")}</legend>
        {NOTE_COLORS.map((option) => (
          <button
            key={option}
            type="button"
            className={`swatch swatch--${option}`}
            aria-label={t(`colors.${option}`)}
            title={t(`colors.${option}`)}
            aria-pressed={option === color}
            onClick={() => onColor(option)}
          />
        ))}
      </fieldset>
      <button
        type="button"
        className="icon-button note-tools__delete"
        aria-label={t("note.delete")}
        title={t("note.delete")}
        onClick={onDelete}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M9 3h6l1 2h4v2H4V5h4l1-2zM6 9h12l-1 12H7L6 9z" fill="currentColor" />
        </svg>
      </button>
    </div>
  );
}
