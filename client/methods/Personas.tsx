import { memo } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  addInterview,
  addPersona,
  deleteRecord,
  editPersona,
  type Interview,
  METHOD_LIMITS,
  type ParticipantId,
  type Persona,
  type RecordId,
  renameInterview,
  setPersonaImage,
  tagInterview,
} from "../../shared";
import { RichText } from "../richtext/RichText";
import { useWorkshop } from "../sync/context";
import { ImagePicker } from "../uploads/ImagePicker";
import { StoredImage } from "../uploads/StoredImage";
import { DraftField } from "./DraftField";
import { canWriteMethods, useInterviews, usePersonas } from "./data";

interface CardProps {
  persona: Persona;
  content: Y.Doc;
  editable: boolean;
}

/** One persona: picture, name, quote, and needs and context in rich text. */
export const PersonaCard = memo(function PersonaCard({ persona, content, editable }: CardProps) {
  const { t } = useTranslation();
  const name = persona.name || t("methods.persona.untitled");
  return (
    <article className="method-card persona" aria-label={t("methods.persona.label", { name })}>
      <div className="persona__head">
        {persona.imageId ? (
          <StoredImage
            imageId={persona.imageId}
            alt={t("methods.persona.pictureAlt", { name })}
            className="persona__picture"
          />
        ) : (
          <DraftField
            className="persona__emoji"
            label={t("methods.persona.emoji")}
            value={persona.emoji}
            maxLength={METHOD_LIMITS.emoji}
            readOnly={!editable}
            onCommit={(emoji) => editPersona(content, persona.id, { emoji })}
          />
        )}
        <DraftField
          className="persona__name"
          label={t("methods.persona.name")}
          placeholder={t("methods.persona.name")}
          value={persona.name}
          maxLength={METHOD_LIMITS.shortText}
          readOnly={!editable}
          onCommit={(value) => editPersona(content, persona.id, { name: value })}
        />
        {editable && (
          <button
            type="button"
            className="button button--ghost button--small method-card__delete"
            aria-label={t("methods.persona.delete", { name })}
            title={t("methods.persona.delete", { name })}
            onClick={() => deleteRecord(content, "personas", persona.id)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        )}
      </div>
      {editable && (
        <div className="persona__picture-tools">
          <ImagePicker
            label={t("methods.persona.picture", { name })}
            onUploaded={(imageId) => setPersonaImage(content, persona.id, imageId)}
          />
          {persona.imageId && (
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setPersonaImage(content, persona.id, null)}
            >
              {t("methods.persona.removePicture")}
            </button>
          )}
        </div>
      )}
      <blockquote className="persona__quote">
        <DraftField
          label={t("methods.persona.quote")}
          placeholder={t("methods.persona.quote")}
          value={persona.quote}
          maxLength={METHOD_LIMITS.quote}
          readOnly={!editable}
          multiline
          onCommit={(quote) => editPersona(content, persona.id, { quote })}
        />
      </blockquote>
      <h4 className="method-card__label">{t("methods.persona.needs")}</h4>
      <RichText
        recordId={persona.id}
        field="needs"
        label={`${t("methods.persona.needs")} · ${name}`}
        editable={editable}
      />
      <h4 className="method-card__label">{t("methods.persona.context")}</h4>
      <RichText
        recordId={persona.id}
        field="context"
        label={`${t("methods.persona.context")} · ${name}`}
        editable={editable}
      />
    </article>
  );
});

export function PersonasPanel() {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const personas = usePersonas(docs.content);
  const editable = canWriteMethods(self.role);
  return (
    <section className="method-panel" aria-labelledby="personas-heading">
      <div className="method-panel__head">
        <h2 id="personas-heading">{t("methods.persona.heading")}</h2>
        {editable ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => addPersona(docs.content, { authorId: self.id })}
          >
            {t("methods.persona.add")}
          </button>
        ) : (
          <p className="method-panel__note">{t("methods.teamOnly")}</p>
        )}
      </div>
      {personas.length === 0 && <p className="method-panel__empty">{t("methods.persona.empty")}</p>}
      <div className="method-grid">
        {personas.map((persona) => (
          <PersonaCard key={persona.id} persona={persona} content={docs.content} editable={editable} />
        ))}
      </div>
    </section>
  );
}

function InterviewCard({
  interview,
  personas,
  content,
  editable,
}: {
  interview: Interview;
  personas: Persona[];
  content: Y.Doc;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const title = interview.title || t("methods.interview.untitled");
  const persona = personas.find((p) => p.id === interview.personaId);
  const selectId = `interview-persona-${interview.id}`;
  return (
    <article className="method-card" aria-label={title}>
      <div className="persona__head">
        <DraftField
          className="method-card__title"
          label={t("methods.interview.title")}
          placeholder={t("methods.interview.title")}
          value={interview.title}
          maxLength={METHOD_LIMITS.shortText}
          readOnly={!editable}
          onCommit={(value) => renameInterview(content, interview.id, value)}
        />
        {editable && (
          <button
            type="button"
            className="button button--ghost button--small method-card__delete"
            aria-label={t("methods.interview.delete", { title })}
            title={t("methods.interview.delete", { title })}
            onClick={() => deleteRecord(content, "interviews", interview.id)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        )}
      </div>
      <div className="method-card__row">
        <label htmlFor={selectId}>{t("methods.interview.persona")}</label>
        {editable ? (
          <select
            id={selectId}
            value={interview.personaId ?? ""}
            onChange={(event) =>
              tagInterview(content, interview.id, (event.target.value || null) as RecordId | null)
            }
          >
            <option value="">{t("methods.interview.untagged")}</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.emoji} ${p.name || t("methods.persona.untitled")}`}
              </option>
            ))}
          </select>
        ) : (
          <span id={selectId}>
            {persona ? `${persona.emoji} ${persona.name}` : t("methods.interview.untagged")}
          </span>
        )}
      </div>
      <RichText
        recordId={interview.id}
        field="body"
        label={`${t("methods.interview.body")} · ${title}`}
        editable={editable}
      />
    </article>
  );
}

export function InterviewsPanel() {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const interviews = useInterviews(docs.content);
  const personas = usePersonas(docs.content);
  const editable = canWriteMethods(self.role);
  return (
    <section className="method-panel" aria-labelledby="interviews-heading">
      <div className="method-panel__head">
        <h2 id="interviews-heading">{t("methods.interview.heading")}</h2>
        {editable ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => addInterview(docs.content, { authorId: self.id as ParticipantId })}
          >
            {t("methods.interview.add")}
          </button>
        ) : (
          <p className="method-panel__note">{t("methods.teamOnly")}</p>
        )}
      </div>
      {interviews.length === 0 && <p className="method-panel__empty">{t("methods.interview.empty")}</p>}
      <div className="method-grid">
        {interviews.map((interview) => (
          <InterviewCard
            key={interview.id}
            interview={interview}
            personas={personas}
            content={docs.content}
            editable={editable}
          />
        ))}
      </div>
    </section>
  );
}
