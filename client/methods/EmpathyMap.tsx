import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { addNote, LIMITS, type Note } from "../../shared";
import { canAddNotes } from "../permissions";
import { useWorkshop } from "../sync/context";
import { useStageNotes } from "../sync/useDoc";
import { type Area, EMPATHY_LAYOUT, placeInArea } from "./areas";

/** The empathy map as a list of its six areas: readable and writable on a phone, same notes as the board. */
export function EmpathyMapPanel() {
  const { t } = useTranslation();
  const { docs } = useWorkshop();
  const notes = useStageNotes(docs.content, "empathize");
  return (
    <section className="method-panel" aria-labelledby="empathy-heading">
      <div className="method-panel__head">
        <h2 id="empathy-heading">{t("methods.empathy.heading")}</h2>
        <p className="method-panel__note">{t("methods.empathy.intro")}</p>
      </div>
      <div className="empathy-map">
        {EMPATHY_LAYOUT.map((area) => (
          <EmpathyArea key={area.frame} area={area} notes={notes} />
        ))}
      </div>
    </section>
  );
}

function EmpathyArea({ area, notes }: { area: Area; notes: Note[] }) {
  const { t } = useTranslation();
  const { docs, self, readOnly } = useWorkshop();
  const [text, setText] = useState("");
  const inside = notes.filter((note) => note.frame === area.frame);
  const name = t(`methods.areas.${area.area}`);
  const headingId = `area-${area.area}`;
  const inputId = `area-input-${area.area}`;
  const canAdd = !readOnly && canAddNotes(self.role);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    addNote(docs.content, {
      stage: "empathize",
      text,
      frame: area.frame,
      author: { id: self.id, name: self.name },
      ...placeInArea(area, notes),
    });
    setText("");
  };

  return (
    <section className={`empathy-area empathy-area--${area.area}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {name}{" "}
        <span className="empathy-area__count">{t("methods.empathy.count", { count: inside.length })}</span>
      </h3>
      <p className="empathy-area__hint">{t(`methods.areaHints.${area.area}`)}</p>
      {inside.length === 0 ? (
        <p className="method-panel__empty">{t("methods.empathy.empty")}</p>
      ) : (
        <ul className="empathy-area__notes">
          {inside.map((note) => (
            <li key={note.id} className={`mini-note note--${note.color}`}>
              <span>{note.text}</span>
              <small>{note.authorName || t("note.anonymous")}</small>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <form className="empathy-area__add" onSubmit={add}>
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
