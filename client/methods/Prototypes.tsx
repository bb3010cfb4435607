import { memo, useId } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  addPrototype,
  deleteRecord,
  linkIdea,
  METHOD_LIMITS,
  type Note,
  type Prototype,
  renamePrototype,
} from "../../shared";
import { useFacilitatedStage } from "../facilitation/board";
import { RichText } from "../richtext/RichText";
import { useWorkshop } from "../sync/context";
import { DraftField } from "./DraftField";
import { canWriteMethods, usePrototypes } from "./data";
import { Storyboard } from "./Storyboard";

const PrototypeCard = memo(function PrototypeCard({
  prototype,
  ideas,
  content,
  editable,
}: {
  prototype: Prototype;
  ideas: Note[];
  content: Y.Doc;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const title = prototype.title || t("methods.prototype.untitled");
  const linked = new Set<string>(prototype.ideaIds);
  const shown = editable ? ideas : ideas.filter((idea) => linked.has(idea.id));
  return (
    <article className="method-card prototype" aria-label={title}>
      <div className="persona__head">
        <DraftField
          className="method-card__title"
          label={t("methods.prototype.title")}
          placeholder={t("methods.prototype.title")}
          value={prototype.title}
          maxLength={METHOD_LIMITS.shortText}
          readOnly={!editable}
          onCommit={(value) => renamePrototype(content, prototype.id, value)}
        />
        {editable && (
          <button
            type="button"
            className="button button--ghost button--small method-card__delete"
            aria-label={t("methods.prototype.delete", { title })}
            title={t("methods.prototype.delete", { title })}
            onClick={() => deleteRecord(content, "prototypes", prototype.id)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        )}
      </div>
      <h4 className="method-card__label">{t("methods.prototype.description")}</h4>
      <RichText
        recordId={prototype.id}
        field="description"
        label={t("methods.prototype.descriptionOf", { title })}
        editable={editable}
      />
      <Storyboard prototypeId={prototype.id} editable={editable} />
      <fieldset className="prototype__ideas">
        <legend id={`${id}-ideas`}>{t("methods.prototype.ideas")}</legend>
        {shown.length === 0 && <p className="method-panel__empty">{t("methods.prototype.noIdeas")}</p>}
        <ul>
          {shown.map((idea) => (
            <li key={idea.id}>
              {editable ? (
                <label>
                  <input
                    type="checkbox"
                    checked={linked.has(idea.id)}
                    onChange={(event) => linkIdea(content, prototype.id, idea.id, event.target.checked)}
                  />{" "}
                  {idea.text || "…"}
                </label>
              ) : (
                idea.text
              )}
            </li>
          ))}
        </ul>
      </fieldset>
    </article>
  );
});

export function PrototypesPanel() {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const prototypes = usePrototypes(docs.content);
  // Ideas to build on: the board's, so a hidden idea is offered to facilitators only.
  const ideas = useFacilitatedStage("ideate").notes;
  const editable = canWriteMethods(self.role);
  return (
    <section className="method-panel" aria-labelledby="prototypes-heading">
      <div className="method-panel__head">
        <h2 id="prototypes-heading">{t("methods.prototype.heading")}</h2>
        {editable ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => addPrototype(docs.content, { authorId: self.id })}
          >
            {t("methods.prototype.add")}
          </button>
        ) : (
          <p className="method-panel__note">{t("methods.teamOnly")}</p>
        )}
      </div>
      {prototypes.length === 0 && <p className="method-panel__empty">{t("methods.prototype.empty")}</p>}
      <div className="method-grid">
        {prototypes.map((prototype) => (
          <PrototypeCard
            key={prototype.id}
            prototype={prototype}
            ideas={ideas}
            content={docs.content}
            editable={editable}
          />
        ))}
      </div>
    </section>
  );
}
