import { useTranslation } from "react-i18next";
import type { StageId } from "../../shared";
import { useWorkshop } from "../sync/context";
import { boardAreas, feedbackLayout } from "./areas";
import { usePrototypes } from "./data";

/** The labelled areas drawn behind the notes: the empathy map, or each prototype's feedback grid. */
export function BoardAreas({ stage }: { stage: StageId }) {
  if (stage === "test") return <FeedbackAreas />;
  return <EmpathyAreas stage={stage} />;
}

function EmpathyAreas({ stage }: { stage: StageId }) {
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

function FeedbackAreas() {
  const { t } = useTranslation();
  const { docs } = useWorkshop();
  const regions = feedbackLayout(usePrototypes(docs.content));
  return (
    <>
      {regions.map((region) => (
        <div
          key={region.frame}
          className={`board-area feedback-area--${region.area}`}
          style={{ left: region.x, top: region.y, width: region.width, height: region.height }}
          aria-hidden="true"
        >
          <span className="board-area__label">
            {t("testing.areaLabel", {
              prototype: region.prototypeTitle || t("methods.prototype.untitled"),
              area: t(`testing.areas.${region.area}`),
            })}
          </span>
        </div>
      ))}
    </>
  );
}
