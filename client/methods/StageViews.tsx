import "./methods.css";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { StageId } from "../../shared";
import { Board } from "../board/Board";
import { HmwPanel, PovPanel } from "./Define";
import { EmpathyMapPanel } from "./EmpathyMap";
import { InterviewsPanel, PersonasPanel } from "./Personas";
import { PrototypesPanel } from "./Prototypes";

type View = "board" | "empathyMap" | "personas" | "interviews" | "pov" | "hmw" | "prototypes";

const VIEWS: Record<StageId, readonly View[]> = {
  empathize: ["board", "empathyMap", "personas", "interviews"],
  define: ["board", "pov", "hmw"],
  ideate: ["board"],
  prototype: ["board", "prototypes"],
  test: ["board"],
};

const PANELS: Record<Exclude<View, "board">, () => ReactNode> = {
  empathyMap: () => <EmpathyMapPanel />,
  personas: () => <PersonasPanel />,
  interviews: () => <InterviewsPanel />,
  pov: () => <PovPanel />,
  hmw: () => <HmwPanel />,
  prototypes: () => <PrototypesPanel />,
};

/** A stage's board plus its method panels, one at a time behind a switcher that wraps on a phone. */
export function StageViews({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Partial<Record<StageId, View>>>({});
  const views = VIEWS[stage];
  const view = chosen[stage] ?? "board";
  if (views.length === 1) return <Board stage={stage} />;
  return (
    <div className="stage-views">
      <fieldset
        className="view-switcher"
        aria-label={t("methods.views.label", { stage: t(`stages.${stage}.name`) })}
      >
        {views.map((v) => (
          <button
            key={v}
            type="button"
            className="view-switcher__button"
            aria-pressed={v === view}
            onClick={() => setChosen({ ...chosen, [stage]: v })}
          >
            {t(`methods.views.${v}`)}
          </button>
        ))}
      </fieldset>
      {view === "board" ? (
        <Board stage={stage} />
      ) : (
        <div className="stage-views__panel">{PANELS[view]()}</div>
      )}
    </div>
  );
}
