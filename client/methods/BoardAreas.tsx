import { useTranslation } from "react-i18next";
import type { StageId } from "../../shared";
import { boardAreas } from "./areas";

/** The six areas drawn behind the notes of the Empathize board. */
export function BoardAreas({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const areas = boardAreas(stage);
  if (!areas.length) return null;
  return (
    <>
      {areas.map((area) => (
        <div
          key={area.frame}
          className={`board-area empathy-area--${area.area}`}
          style={{ left: area.x, top: area.y, width: area.width, height: area.height }}
          aria-hidden="true"
        >
          <span className="board-area__label">{t(`methods.areas.${area.area}`)}</span>
        </div>
      ))}
    </>
  );
}
