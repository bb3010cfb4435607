import { type KeyboardEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { STAGES, type StageId } from "../../shared";

export const tabId = (stage: StageId) => `stage-tab-${stage}`;
export const panelId = (stage: StageId) => `stage-panel-${stage}`;

interface Props {
  stage: StageId;
  current: StageId;
  onChange(stage: StageId): void;
}

/** WAI-ARIA tabs with automatic activation: arrows, Home and End move between the five stages. */
export function StageTabs({ stage, current, onChange }: Props) {
  const { t } = useTranslation();
  const refs = useRef(new Map<StageId, HTMLButtonElement>());

  // On narrow screens the tab strip scrolls: keep the selected stage in view.
  useEffect(() => {
    refs.current.get(stage)?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [stage]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = STAGES.indexOf(stage);
    let next: number | null = null;
    if (event.key === "ArrowRight") next = (index + 1) % STAGES.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + STAGES.length) % STAGES.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = STAGES.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = STAGES[next] as StageId;
    onChange(target);
    refs.current.get(target)?.focus();
  };

  return (
    <div className="stage-tabs" role="tablist" aria-label={t("stages.label")} onKeyDown={onKeyDown}>
      {STAGES.map((id, i) => (
        <button
          key={id}
          ref={(el) => {
            if (el) refs.current.set(id, el);
            else refs.current.delete(id);
          }}
          type="button"
          role="tab"
          id={tabId(id)}
          aria-selected={id === stage}
          aria-controls={panelId(id)}
          tabIndex={id === stage ? 0 : -1}
          className="stage-tab"
          onClick={() => onChange(id)}
        >
          <span className="stage-tab__number" aria-hidden="true">
            {i + 1}
          </span>
          <span className="stage-tab__name">{t(`stages.${id}.name`)}</span>
          {id === current && (
            <span className="stage-tab__current" title={t("stages.current")}>
              <span className="visually-hidden">{` (${t("stages.current")})`}</span>
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
