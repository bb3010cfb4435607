import { useTranslation } from "react-i18next";
import type { Note } from "../../shared";
import { useFacilitatedStage } from "../facilitation/board";
import { type Area, EMPATHY_LAYOUT, placeInArea } from "./areas";
import { FramedNotes } from "./FramedNotes";

/** The empathy map as a list of its six areas: readable and writable on a phone, same notes as the board. */
export function EmpathyMapPanel() {
  const { t } = useTranslation();
  // The same notes the board shows: without hidden ones (but for facilitators), read-only while locked.
  const { notes, locked } = useFacilitatedStage("empathize");
  return (
    <section className="method-panel" aria-labelledby="empathy-heading">
      <div className="method-panel__head">
        <h2 id="empathy-heading">{t("methods.empathy.heading")}</h2>
        <p className="method-panel__note">{t("methods.empathy.intro")}</p>
      </div>
      <div className="empathy-map">
        {EMPATHY_LAYOUT.map((area) => (
          <EmpathyArea key={area.frame} area={area} notes={notes} locked={locked} />
        ))}
      </div>
    </section>
  );
}

function EmpathyArea({ area, notes, locked }: { area: Area; notes: Note[]; locked: boolean }) {
  const { t } = useTranslation();
  return (
    <FramedNotes
      stage="empathize"
      frame={area.frame}
      name={t(`methods.areas.${area.area}`)}
      hint={t(`methods.areaHints.${area.area}`)}
      notes={notes.filter((note) => note.frame === area.frame)}
      locked={locked}
      idPrefix={`area-${area.area}`}
      className={`empathy-area empathy-area--${area.area}`}
      place={() => placeInArea(area, notes)}
    />
  );
}
