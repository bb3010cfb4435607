import "./methods.css";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { StageId } from "../../shared";
import { StageBoard } from "../phone/StageBoard";
import { HmwPanel, PovPanel } from "./Define";
import { EmpathyMapPanel } from "./EmpathyMap";
import { InterviewsPanel, PersonasPanel } from "./Personas";
import { PrototypesPanel } from "./Prototypes";
import { TestingPanel } from "./Testing";

type View = "board" | "empathyMap" | "personas" | "interviews" | "pov" | "hmw" | "prototypes" | "testing";

const VIEWS: Record<StageId, readonly View[]> = {
  empathize: ["board", "empathyMap", "personas", "interviews"],
  define: ["board", "pov", "hmw"],
  ideate: ["board"],
  prototype: ["board", "prototypes"],
  test: ["testing", "board"],
};

const PANELS: Record<Exclude<View, "board">, () => ReactNode> = {
  empathyMap: () => <EmpathyMapPanel />,
  personas: () => <PersonasPanel />,
  interviews: () => <InterviewsPanel />,
  pov: () => <PovPanel />,
  hmw: () => <HmwPanel />,
  prototypes: () => <PrototypesPanel />,
  testing: () => <TestingPanel />,
};

/** A stage's board plus its method panels, one at a time behind a switcher that wraps on a phone. */
export function StageViews({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Partial<Record<StageId, View>>>({});
  const views = VIEWS[stage];
  // The first view is where a stage starts: the Test stage opens on its feedback grids.
  const view = chosen[stage] ?? views[0] ?? "board";
  if (views.length === 1) return <StageBoard stage={stage} />;
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
        <StageBoard stage={stage} />
      ) : (
        <div className="stage-views__panel">{PANELS[view]()}</div>
      )}
    </div>
  );
}
