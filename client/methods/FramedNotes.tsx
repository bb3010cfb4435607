import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { addNote, LIMITS, type Note, type NoteColor, type StageId } from "../../shared";
import { useHidden } from "../facilitation/hooks";
import { canAddNotes } from "../permissions";
import { useWorkshop } from "../sync/context";

interface Props {
  stage: StageId;
  frame: string;
  /** Visible name of the area ("Says", "Likes"…), also used in the field's label. */
  name: string;
  hint: string;
  /** Notes of this frame only, as the board shows them (hidden ones only to facilitators). */
  notes: Note[];
  /** The facilitator locked this stage's board for this person: read only. */
  locked: boolean;
  /** Unique within the page: used for the heading and input ids. */
  idPrefix: string;
  className: string;
  color?: NoteColor;
  /** Where a note added here goes on the canvas, so the board shows it inside the same area. */
  place(): { x: number; y: number };
}

/** One method area as a list with its own compose field: the same notes the canvas shows, usable on a phone. */
export function FramedNotes({
  stage,
  frame,
  name,
  hint,
  notes,
  locked,
  idPrefix,
  className,
  color,
  place,
}: Props) {
  const { t } = useTranslation();
  const { docs, self, readOnly } = useWorkshop();
  const hidden = useHidden(docs.control);
  const [text, setText] = useState("");
  const headingId = `${idPrefix}-heading`;
  const inputId = `${idPrefix}-input`;
  const mayWrite = !readOnly && canAddNotes(self.role);
  const canAdd = mayWrite && !locked;

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    addNote(docs.content, {
      stage,
      text,
      frame,
      ...(color ? { color } : {}),
      author: { id: self.id, name: self.name },
      ...place(),
    });
    setText("");
  };

  return (
    <section className={`framed-notes ${className}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {name}{" "}
        <span className="framed-notes__count">{t("methods.empathy.count", { count: notes.length })}</span>
      </h3>
      <p className="framed-notes__hint">{hint}</p>
      {notes.length === 0 ? (
        <p className="method-panel__empty">{t("methods.empathy.empty")}</p>
      ) : (
        <ul className="framed-notes__notes">
          {notes.map((note) => (
            <li
              key={note.id}
              className={`mini-note note--${note.color}${note.id in hidden ? " mini-note--hidden" : ""}`}
            >
              <span>{note.text}</span>
              <small>
                {note.authorName || t("note.anonymous")}
                {note.id in hidden && (
                  <span className="mini-note__hidden"> · {t("facilitation.note.hidden")}</span>
                )}
              </small>
            </li>
          ))}
        </ul>
      )}
      {mayWrite && locked && <p className="framed-notes__locked">{t("facilitation.boardLocked")}</p>}
      {canAdd && (
        <form className="framed-notes__add" onSubmit={add}>
          <label className="visually-hidden" htmlFor={inputId}>
            {t("methods.empathy.notePlaceholder", { area: name })}
          </label>
          <input
            id={inputId}
            type="text"
            value={text}
            maxLength={LIMITS.noteTextLength}
            placeholder={t("methods.empathy.notePlaceholder", { area: name })}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--small">
            {t("methods.empathy.addTo", { area: name })}
          </button>
        </form>
      )}
    </section>
  );
}
