import { type FormEvent, memo, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  addNote,
  addPov,
  deleteNote,
  deleteRecord,
  editPov,
  HMW_FRAME,
  LIMITS,
  METHOD_LIMITS,
  type Meta,
  type Note,
  type Pov,
  type PovFields,
  pinFocusQuestion,
} from "../../shared";
import { useFacilitatedStage } from "../facilitation/board";
import { useVote, useVoteResults } from "../facilitation/hooks";
import { NoteFacilitation, NoteModeration } from "../facilitation/NoteFacilitation";
import { canAddNotes, canEditNote, canSteer } from "../permissions";
import { useWorkshop } from "../sync/context";
import { useMeta, useStageNotes } from "../sync/useDoc";
import { canWriteMethods, usePovs } from "./data";

interface FormProps {
  initial?: Pov;
  onSave(fields: Required<PovFields>): void;
  onCancel?: () => void;
}

/** User + need + insight: the three plain fields of a point-of-view statement. */
export function PovForm({ initial, onSave, onCancel }: FormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState({
    user: initial?.user ?? "",
    need: initial?.need ?? "",
    insight: initial?.insight ?? "",
  });
  const [error, setError] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fields.user.trim() || !fields.need.trim() || !fields.insight.trim()) {
      setError(true);
      return;
    }
    setError(false);
    onSave(fields);
    if (!initial) setFields({ user: "", need: "", insight: "" });
  };
  return (
    <form className="pov-form" onSubmit={submit} noValidate>
      {(["user", "need", "insight"] as const).map((key) => (
        <div key={key} className="pov-form__field">
          <label htmlFor={`${id}-${key}`}>{t(`methods.pov.${key}`)}</label>
          <input
            id={`${id}-${key}`}
            type="text"
            value={fields[key]}
            maxLength={METHOD_LIMITS.povField}
            placeholder={t(`methods.pov.${key}Placeholder`)}
            aria-invalid={error && !fields[key].trim()}
            onChange={(event) => setFields({ ...fields, [key]: event.target.value })}
          />
        </div>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {t("methods.pov.incomplete")}
        </p>
      )}
      <div className="pov-form__actions">
        <button type="submit" className="button button--primary">
          {initial ? t("methods.save") : t("methods.pov.add")}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t("methods.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

const PovItem = memo(function PovItem({
  pov,
  content,
  editable,
}: {
  pov: Pov;
  content: Y.Doc;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li className="method-card">
        <PovForm
          initial={pov}
          onSave={(fields) => {
            editPov(content, pov.id, fields);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  return (
    <li className="method-card pov">
      <p className="pov__statement">
        {t("methods.pov.statement", { user: pov.user, need: pov.need, insight: pov.insight })}
      </p>
      {editable && (
        <div className="pov__actions">
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setEditing(true)}
          >
            {t("methods.pov.edit")}
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => deleteRecord(content, "povs", pov.id)}
          >
            {t("methods.pov.delete")}
          </button>
        </div>
      )}
    </li>
  );
});

export function PovPanel() {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const povs = usePovs(docs.content);
  const editable = canWriteMethods(self.role);
  return (
    <section className="method-panel" aria-labelledby="pov-heading">
      <div className="method-panel__head">
        <h2 id="pov-heading">{t("methods.pov.heading")}</h2>
        {!editable && <p className="method-panel__note">{t("methods.teamOnly")}</p>}
      </div>
      {editable && <PovForm onSave={(fields) => addPov(docs.content, { authorId: self.id, ...fields })} />}
      {povs.length === 0 && <p className="method-panel__empty">{t("methods.pov.empty")}</p>}
      <ul className="method-list">
        {povs.map((pov) => (
          <PovItem key={pov.id} pov={pov} content={docs.content} editable={editable} />
        ))}
      </ul>
    </section>
  );
}

export function HmwPanel() {
  const { t } = useTranslation();
  const { docs, self, readOnly } = useWorkshop();
  const meta = useMeta(docs.control);
  const board = useFacilitatedStage("define");
  const questions = useMemo(() => board.notes.filter((note) => note.frame === HMW_FRAME), [board.notes]);
  // A dot vote on Define is how the group votes a question up: once revealed, most votes first.
  const vote = useVote(docs.control);
  const results = useVoteResults(docs.control);
  const revealed =
    vote?.stage === "define" && vote.status === "revealed"
      ? results.find((r) => r.voteId === vote.id)
      : undefined;
  const notes = useMemo(() => {
    if (!revealed) return questions;
    const count = new Map(revealed.ranking.map((r) => [r.target, r.count]));
    return [...questions].sort((a, b) => (count.get(b.id) ?? 0) - (count.get(a.id) ?? 0));
  }, [questions, revealed]);
  const [text, setText] = useState("");
  const steer = canSteer(self.role);
  const mayWrite = !readOnly && canAddNotes(self.role);
  const canAdd = mayWrite && !board.locked;
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    addNote(docs.content, {
      stage: "define",
      text,
      frame: HMW_FRAME,
      color: "blue",
      author: { id: self.id, name: self.name },
      x: 40 + (notes.length % 8) * 208,
      y: 1200 + Math.floor(notes.length / 8) * 180,
    });
    setText("");
  };
  return (
    <section className="method-panel" aria-labelledby="hmw-heading">
      <div className="method-panel__head">
        <h2 id="hmw-heading">{t("methods.hmw.heading")}</h2>
        <p className="method-panel__note">{t("methods.hmw.intro")}</p>
      </div>
      {mayWrite && board.locked && <p className="framed-notes__locked">{t("facilitation.boardLocked")}</p>}
      {canAdd && (
        <form className="hmw-form" onSubmit={add}>
          <label htmlFor="hmw-input">{t("methods.hmw.label")}</label>
          <div className="hmw-form__row">
            <input
              id="hmw-input"
              type="text"
              value={text}
              maxLength={LIMITS.noteTextLength}
              placeholder={t("methods.hmw.placeholder")}
              onChange={(event) => setText(event.target.value)}
            />
            <button type="submit" className="button button--primary">
              {t("methods.hmw.add")}
            </button>
          </div>
        </form>
      )}
      {notes.length === 0 && <p className="method-panel__empty">{t("methods.hmw.empty")}</p>}
      <ul className="method-list">
        {notes.map((note) => (
          <HmwItem
            key={note.id}
            note={note}
            pinned={meta.focusHmw === note.id}
            steer={steer}
            canDelete={canAdd && canEditNote(self.role, self.id, note)}
          />
        ))}
      </ul>
    </section>
  );
}

function HmwItem({
  note,
  pinned,
  steer,
  canDelete,
}: {
  note: Note;
  pinned: boolean;
  steer: boolean;
  canDelete: boolean;
}) {
  const { t } = useTranslation();
  const { docs } = useWorkshop();
  return (
    <li className={`method-card hmw${pinned ? " hmw--pinned" : ""}`}>
      {pinned && <span className="hmw__badge">{t("methods.hmw.pinned")}</span>}
      <p className="hmw__text">{note.text}</p>
      <p className="hmw__by">{t("methods.hmw.by", { author: note.authorName || t("note.anonymous") })}</p>
      <NoteFacilitation note={note} moderation={false} />
      <div className="pov__actions">
        {steer && (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-pressed={pinned}
            onClick={() => pinFocusQuestion(docs.control, pinned ? null : note.id)}
          >
            {pinned ? t("methods.hmw.unpin") : t("methods.hmw.pin")}
          </button>
        )}
        {canDelete && (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => deleteNote(docs.content, note.id)}
          >
            {t("methods.delete")}
          </button>
        )}
        <NoteModeration note={note} />
      </div>
    </li>
  );
}

const AFTER_DEFINE = new Set(["ideate", "prototype", "test"]);

/** The pinned HMW question, above the boards of Ideate, Prototype and Test. */
export function FocusBanner({ stage, meta }: { stage: string; meta: Meta }) {
  const { t } = useTranslation();
  const { docs } = useWorkshop();
  const notes = useStageNotes(docs.content, "define");
  if (!AFTER_DEFINE.has(stage) || !meta.focusHmw) return null;
  const note = notes.find((n) => n.id === meta.focusHmw);
  if (!note?.text.trim()) return null;
  return (
    <aside className="focus-banner" aria-label={t("methods.focus.label")}>
      <span className="focus-banner__label">{t("methods.focus.label")}</span>
      <p className="focus-banner__text">{note.text}</p>
    </aside>
  );
}
