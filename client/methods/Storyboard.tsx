import { type FormEvent, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  addStep,
  deleteRecord,
  editStepText,
  METHOD_LIMITS,
  moveStep,
  type RecordId,
  type StoryboardStep,
  setStepImage,
} from "../../shared";
import { useWorkshop } from "../sync/context";
import { ImagePicker } from "../uploads/ImagePicker";
import { StoredImage } from "../uploads/StoredImage";
import { DraftField } from "./DraftField";
import { useStoryboardSteps } from "./data";

/** A prototype's storyboard: ordered steps, each a sentence and an optional picture stored by the server. */
export function Storyboard({ prototypeId, editable }: { prototypeId: RecordId; editable: boolean }) {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const all = useStoryboardSteps(docs.content);
  const steps = useMemo(() => all.filter((step) => step.prototypeId === prototypeId), [all, prototypeId]);
  const [text, setText] = useState("");
  const [full, setFull] = useState(false);
  const id = useId();

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const added = addStep(docs.content, { authorId: self.id, prototypeId, text });
    setFull(added === null);
    if (added) setText("");
  };

  return (
    <section className="storyboard-wrap" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`} className="method-card__label">
        {t("testing.storyboard.heading")}
      </h4>
      {steps.length === 0 && <p className="method-panel__empty">{t("testing.storyboard.empty")}</p>}
      <ol className="storyboard">
        {steps.map((step, index) => (
          <StepItem
            key={step.id}
            step={step}
            number={index + 1}
            last={index === steps.length - 1}
            content={docs.content}
            editable={editable}
          />
        ))}
      </ol>
      {editable && (
        <form className="storyboard__add" onSubmit={add}>
          <label className="visually-hidden" htmlFor={`${id}-new`}>
            {t("testing.storyboard.newStep")}
          </label>
          <input
            id={`${id}-new`}
            type="text"
            value={text}
            maxLength={METHOD_LIMITS.stepText}
            placeholder={t("testing.storyboard.newStep")}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--small">
            {t("testing.storyboard.add")}
          </button>
          {full && (
            <p className="field-error" role="alert">
              {t("testing.storyboard.full", { count: METHOD_LIMITS.steps })}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

function StepItem({
  step,
  number,
  last,
  content,
  editable,
}: {
  step: StoryboardStep;
  number: number;
  last: boolean;
  content: Y.Doc;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const label = t("testing.storyboard.step", { number });
  return (
    <li className="storyboard__step" aria-label={label}>
      <span className="storyboard__number" aria-hidden="true">
        {label}
      </span>
      {step.imageId && (
        <StoredImage
          imageId={step.imageId}
          alt={t("testing.storyboard.imageAlt", { number, text: step.text })}
          className="storyboard__image"
        />
      )}
      <DraftField
        className="storyboard__text"
        label={t("testing.storyboard.stepText", { number })}
        value={step.text}
        maxLength={METHOD_LIMITS.stepText}
        multiline
        readOnly={!editable}
        onCommit={(value) => editStepText(content, step.id, value)}
      />
      {editable && (
        <>
          <ImagePicker
            label={t("testing.storyboard.image", { number })}
            onUploaded={(imageId) => setStepImage(content, step.id, imageId)}
          />
          <div className="storyboard__actions">
            {step.imageId && (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setStepImage(content, step.id, null)}
              >
                {t("testing.storyboard.removeImage")}
              </button>
            )}
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={t("testing.storyboard.moveEarlier", { number })}
              title={t("testing.storyboard.moveEarlier", { number })}
              disabled={number === 1}
              onClick={() => moveStep(content, step.id, -1)}
            >
              <span aria-hidden="true">←</span>
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={t("testing.storyboard.moveLater", { number })}
              title={t("testing.storyboard.moveLater", { number })}
              disabled={last}
              onClick={() => moveStep(content, step.id, 1)}
            >
              <span aria-hidden="true">→</span>
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={t("testing.storyboard.delete", { number })}
              title={t("testing.storyboard.delete", { number })}
              onClick={() => deleteRecord(content, "storyboard", step.id)}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </div>
        </>
      )}
    </li>
  );
}
