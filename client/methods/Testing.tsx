import { memo, useId } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  editTestPlan,
  FEEDBACK_AREAS,
  METHOD_LIMITS,
  type Note,
  PROTOTYPE_STATUSES,
  type Prototype,
  setPrototypeStatus,
  TEST_PLAN_FIELDS,
} from "../../shared";
import { useFacilitatedStage } from "../facilitation/board";
import { RichText } from "../richtext/RichText";
import { useWorkshop } from "../sync/context";
import { type FeedbackRegion, feedbackLayout, placeInArea } from "./areas";
import { DraftField } from "./DraftField";
import { canWriteMethods, usePrototypes } from "./data";
import { FramedNotes } from "./FramedNotes";

/** The Test stage: per prototype, a feedback grid anyone can add to, the team's test plan, result and next steps. */
export function TestingPanel() {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const prototypes = usePrototypes(docs.content);
  const { notes, locked } = useFacilitatedStage("test");
  const regions = feedbackLayout(prototypes);
  const editable = canWriteMethods(self.role);
  return (
    <section className="method-panel" aria-labelledby="testing-heading">
      <div className="method-panel__head">
        <h2 id="testing-heading">{t("testing.heading")}</h2>
        <p className="method-panel__note">{t("testing.intro")}</p>
      </div>
      {prototypes.length === 0 && <p className="method-panel__empty">{t("testing.empty")}</p>}
      {prototypes.map((prototype) => (
        <TestCard
          key={prototype.id}
          prototype={prototype}
          regions={regions.filter((r) => r.prototypeId === prototype.id)}
          notes={notes}
          locked={locked}
          content={docs.content}
          editable={editable}
        />
      ))}
    </section>
  );
}

const TestCard = memo(function TestCard({
  prototype,
  regions,
  notes,
  locked,
  content,
  editable,
}: {
  prototype: Prototype;
  regions: FeedbackRegion[];
  notes: Note[];
  locked: boolean;
  content: Y.Doc;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const title = prototype.title || t("methods.prototype.untitled");
  const statusName = (status: string) => t(`testing.status.${status as "keep"}`);
  return (
    <article className="method-card test-card" aria-labelledby={`${id}-title`}>
      <div className="test-card__head">
        <h3 id={`${id}-title`}>{title}</h3>
        {prototype.status && (
          <span className={`status-badge status-badge--${prototype.status}`}>
            {t("testing.status.badge", { status: statusName(prototype.status) })}
          </span>
        )}
      </div>
      <section className="feedback-grid" aria-label={t("testing.feedbackOf", { prototype: title })}>
        {FEEDBACK_AREAS.map((area) => {
          const region = regions.find((r) => r.area === area);
          if (!region) return null;
          return (
            <FramedNotes
              key={area}
              stage="test"
              frame={region.frame}
              name={t(`testing.areas.${area}`)}
              hint={t(`testing.areaHints.${area}`)}
              notes={notes.filter((note) => note.frame === region.frame)}
              locked={locked}
              idPrefix={`${id}-${area}`}
              className={`feedback-area feedback-area--${area}`}
              place={() => placeInArea(region, notes)}
            />
          );
        })}
      </section>
      <fieldset className="test-plan">
        <legend>{t("testing.plan.legend")}</legend>
        {TEST_PLAN_FIELDS.map((field) => (
          <div key={field} className="test-plan__field">
            <label htmlFor={`${id}-${field}`}>{t(`testing.plan.${field}`)}</label>
            {editable ? (
              <DraftField
                id={`${id}-${field}`}
                multiline
                value={prototype[field]}
                maxLength={METHOD_LIMITS.testPlanField}
                placeholder={t(`testing.plan.${field}Placeholder`)}
                readOnly={false}
                onCommit={(value) => editTestPlan(content, prototype.id, { [field]: value })}
              />
            ) : (
              <p id={`${id}-${field}`}>{prototype[field] || t("testing.plan.empty")}</p>
            )}
          </div>
        ))}
      </fieldset>
      {editable && (
        <fieldset className="test-status">
          <legend>{t("testing.status.legend")}</legend>
          <div className="test-status__options">
            {PROTOTYPE_STATUSES.map((status) => (
              <label key={status} className="test-status__option">
                <input
                  type="radio"
                  name={`${id}-status`}
                  value={status}
                  checked={prototype.status === status}
                  onChange={() => setPrototypeStatus(content, prototype.id, status)}
                />
                {statusName(status)}
              </label>
            ))}
            <label className="test-status__option">
              <input
                type="radio"
                name={`${id}-status`}
                value=""
                checked={prototype.status === null}
                onChange={() => setPrototypeStatus(content, prototype.id, null)}
              />
              {t("testing.status.none")}
            </label>
          </div>
        </fieldset>
      )}
      <div>
        <h4 className="method-card__label">{t("testing.nextSteps")}</h4>
        <RichText
          recordId={prototype.id}
          field="nextSteps"
          label={t("testing.nextStepsOf", { prototype: title })}
          editable={editable}
        />
      </div>
    </article>
  );
});
