import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { HMW_FRAME, type Note, type NoteId, setNoteAnswers } from "../../shared";
import { useFacilitatedStage } from "../facilitation/board";

/** The Define stage's "How might we…" questions an idea can answer (hidden ones only for facilitators). */
export function useHmwQuestions(): Note[] {
  const define = useFacilitatedStage("define").notes;
  return useMemo(() => define.filter((note) => note.frame === HMW_FRAME && note.text.trim()), [define]);
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** "Answers which question?": links an idea to an HMW question (the selected note's tools on Ideate). */
export function NoteAnswerSelect({
  note,
  content,
  className = "note-answers__select",
}: {
  note: Note;
  content: Y.Doc;
  className?: string;
}) {
  const { t } = useTranslation();
  const questions = useHmwQuestions();
  if (questions.length === 0) return null;
  return (
    <select
      className={className}
      aria-label={t("methods.answers.select")}
      title={t("methods.answers.select")}
      value={note.answers ?? ""}
      onChange={(event) => setNoteAnswers(content, note.id, (event.target.value || null) as NoteId | null)}
    >
      <option value="">{t("methods.answers.none")}</option>
      {questions.map((question) => (
        <option key={question.id} value={question.id}>
          {short(question.text)}
        </option>
      ))}
    </select>
  );
}

/** The question an idea answers, shown on the idea itself. */
export function NoteAnswerBadge({ note }: { note: Note }) {
  const { t } = useTranslation();
  const questions = useHmwQuestions();
  const question = note.answers ? questions.find((q) => q.id === note.answers) : undefined;
  if (!question) return null;
  return (
    <p className="note-answers__badge" title={question.text}>
      <span aria-hidden="true">↳ </span>
      {t("methods.answers.badge", { question: short(question.text) })}
    </p>
  );
}
