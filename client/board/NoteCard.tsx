import { type KeyboardEvent, memo, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import {
  deleteNote,
  editNote,
  moveNote,
  type Note,
  type NoteColor,
  type NoteId,
  recolorNote,
} from "../../shared";
import { NoteClusterSelect } from "../clusters/NoteClusterSelect";
import { NoteFacilitation, NoteModeration } from "../facilitation/NoteFacilitation";
import { frameAt } from "../methods/areas";
import { NoteAnswerBadge, NoteAnswerSelect } from "../methods/NoteAnswers";
import { arrowDelta, clampX, clampY } from "./geometry";
import { NoteTools } from "./NoteTools";
import { useBoardDrag } from "./useBoardDrag";

/** The strings every card shows, translated once per board (not per card). */
export interface NoteLabels {
  /** "Move note by {author}": the handle shows the author's name, so its accessible name says it too. */
  move(author: string): string;
  text: string;
  placeholder: string;
  anonymous: string;
  /** The card's accessible name: "Note by {author}: {text}" or "Empty note by {author}". */
  note(author: string, text: string): string;
}

interface Props {
  note: Note;
  content: Y.Doc;
  readOnly: boolean;
  selected: boolean;
  autoFocus: boolean;
  /**
   * Large boards: the text shows as a plain paragraph (cheaper than a textarea) until it is focused or
   * clicked, then turns into the textarea.
   */
  light: boolean;
  labels: NoteLabels;
  onSelect(id: NoteId | null): void;
  /** Called with true while the note is dragged or edited (the board keeps it mounted), false after. */
  onActive(id: NoteId, active: boolean): void;
  /**
   * A finished move (drop, arrow key) goes here instead of `moveNote` when given: the board decides
   * whether the note lands in (or leaves) a cluster, in the same transaction.
   */
  onSettle?(note: Note, to: { x: number; y: number; frame?: string | null }): void;
}

/** One sticky note: inline editing, drag and arrow-key moves, and (when selected) color and delete. */
export const NoteCard = memo(function NoteCard({
  note,
  content,
  readOnly,
  selected,
  autoFocus,
  light,
  labels,
  onSelect,
  onActive,
  onSettle,
}: Props) {
  const articleRef = useRef<HTMLElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState<string | null>(null);
  // Light cards: the paragraph was focused, so the textarea replaces it (and takes the focus).
  const [editing, setEditing] = useState(false);
  const cancelled = useRef(false);
  const { position: dragPos, handlers: dragHandlers } = useBoardDrag({
    at: note,
    clamp: (to) => ({ x: clampX(to.x), y: clampY(to.y) }),
    write: (to, final) => move(to.x, to.y, final),
    disabled: readOnly,
  });

  useEffect(() => {
    if (autoFocus || editing) textRef.current?.focus();
  }, [autoFocus, editing]);

  const active = dragPos !== null || draft !== null || editing;
  useEffect(() => {
    if (!active) return;
    onActive(note.id, true);
    return () => onActive(note.id, false);
  }, [active, note.id, onActive]);

  const author = note.authorName || labels.anonymous;

  const commit = () => {
    if (draft !== null && draft !== note.text && !cancelled.current) editNote(content, note.id, draft);
    cancelled.current = false;
    setDraft(null);
    setEditing(false);
  };

  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      articleRef.current?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      cancelled.current = true;
      articleRef.current?.focus();
    }
  };

  const move = (x: number, y: number, settle = false) => {
    const to = { x: clampX(x), y: clampY(y) };
    // On a board with method areas (the empathy map) the area a note lands in becomes its frame.
    const frame = frameAt(note.stage, to.x, to.y);
    const target = frame === undefined ? to : { ...to, frame };
    if (settle && onSettle) onSettle(note, target);
    else moveNote(content, note.id, target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (readOnly || event.target instanceof HTMLTextAreaElement) return;
    const delta = arrowDelta(event.key, event.shiftKey);
    if (!delta) return;
    event.preventDefault();
    move(note.x + delta.dx, note.y + delta.dy, true);
    // The focused note stays mounted wherever it goes; keep it in sight too.
    requestAnimationFrame(() =>
      articleRef.current?.scrollIntoView?.({ block: "nearest", inline: "nearest" }),
    );
  };

  const x = dragPos?.x ?? note.x;
  const y = dragPos?.y ?? note.y;
  const textarea = !readOnly && (!light || editing || autoFocus || draft !== null);

  return (
    <article
      ref={articleRef}
      className={`note note--${note.color}${selected ? " note--selected" : ""}${dragPos ? " note--dragging" : ""}`}
      style={{ left: x, top: y }}
      aria-label={labels.note(author, note.text.trim() ? note.text : "")}
      data-testid="note"
      data-note-id={note.id}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a note is a movable object: focusing it lets arrow keys move it.
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={() => onSelect(note.id)}
    >
      <div className="note__header">
        {readOnly ? (
          <span className="note__author">{author}</span>
        ) : (
          <button
            type="button"
            className="note__handle"
            aria-label={labels.move(author)}
            title={labels.move(author)}
            {...dragHandlers}
          >
            <span className="note__grip" aria-hidden="true" />
            <span className="note__author">{author}</span>
          </button>
        )}
        <NoteModeration note={note} />
      </div>
      {textarea ? (
        <textarea
          ref={textRef}
          className="note__text"
          aria-label={labels.text}
          placeholder={labels.placeholder}
          maxLength={2000}
          value={draft ?? note.text}
          onFocus={() => setDraft(note.text)}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={onTextKey}
        />
      ) : readOnly ? (
        <p className="note__text">{note.text}</p>
      ) : (
        // A stand-in for the textarea on large boards: focusing (or clicking) it swaps the textarea in.
        // biome-ignore lint/a11y/useSemanticElements: a textarea per note is what large boards cannot afford; this becomes one on focus.
        <div
          className="note__text"
          role="textbox"
          aria-label={labels.text}
          aria-placeholder={labels.placeholder}
          aria-multiline="true"
          data-placeholder={labels.placeholder}
          tabIndex={0}
          onFocus={() => setEditing(true)}
        >
          {note.text}
        </div>
      )}
      {/* Selected, the "answers" choice below names the question already. */}
      {note.answers && note.stage === "ideate" && !(selected && !readOnly) && <NoteAnswerBadge note={note} />}
      <NoteFacilitation note={note} moderation={false} />
      {selected && !readOnly && <NoteClusterSelect note={note} content={content} />}
      {selected && !readOnly && note.stage === "ideate" && (
        <div className="note-answers">
          <NoteAnswerSelect note={note} content={content} />
        </div>
      )}
      {selected && !readOnly && (
        <NoteTools
          color={note.color}
          onColor={(color: NoteColor) => recolorNote(content, note.id, color)}
          onDelete={() => {
            // The note (and the focused button) goes away: keep keyboard users on the board.
            articleRef.current?.closest<HTMLElement>(".board__viewport")?.focus();
            onSelect(null);
            deleteNote(content, note.id);
          }}
        />
      )}
    </article>
  );
});
