import "./phone.css";
import {
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import {
  addNote,
  deleteNote,
  editNote,
  HMW_FRAME,
  LIMITS,
  NOTE_COLORS,
  type Note,
  type NoteColor,
  type NoteId,
  type StageId,
  setNoteAnswers,
} from "../../shared";
import { BOARD_HEIGHT, BOARD_WIDTH, type Rect } from "../board/geometry";
import { useClusterBoard } from "../clusters/board";
import { useFacilitatedBoard, useFacilitatedStage } from "../facilitation/board";
import { useHidden } from "../facilitation/hooks";
import { NoteFacilitation } from "../facilitation/NoteFacilitation";
import {
  type Area,
  EMPATHY_LAYOUT,
  type FeedbackRegion,
  feedbackLayout,
  placeInArea,
} from "../methods/areas";
import { usePrototypes } from "../methods/data";
import { canAddNotes, canEditNote } from "../permissions";
import { useWorkshop } from "../sync/context";
import { useMeta, useStageNotes } from "../sync/useDoc";
import { useAnnounce } from "../workshop/Announcer";
import { placeFromList } from "./place";

/** Where the Define board keeps its "How might we…" notes (the HMW panel adds them there too). */
const HMW_TOP = 1184;

interface Group {
  key: string;
  heading: string;
  /** The section's accessible name when the heading alone would not say what it is. */
  label?: string;
  /** Shown when the group is empty (an empathy area's question). */
  hint?: string;
  notes: Note[];
  cluster?: boolean;
}

const isHmw = (note: Note) => note.frame === HMW_FRAME;

/**
 * A stage's notes as a list with a compose form: what a phone shows instead of the pan-and-zoom canvas.
 * Same notes, moderation and permissions as the Board: hidden notes are left out for citizens and dimmed for
 * facilitators, a locked board is read-only for everyone but facilitators.
 */
export function StageList({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const { docs, self, readOnly: roleReadOnly } = useWorkshop();
  const announce = useAnnounce();
  const all = useStageNotes(docs.content, stage);
  const { notes, locked } = useFacilitatedBoard(all, stage);
  const readOnly = roleReadOnly || locked;
  const canAdd = !readOnly && canAddNotes(self.role);
  const board = useClusterBoard(docs.content, stage, notes);
  const hidden = useHidden(docs.control);
  const questions = useFacilitatedStage("define").notes.filter(isHmw);
  const composeRef = useRef<HTMLTextAreaElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [added, setAdded] = useState<NoteId | null>(null);
  const headingId = useId();
  const prototypes = usePrototypes(docs.content);
  const regions = useMemo(() => (stage === "test" ? feedbackLayout(prototypes) : []), [stage, prototypes]);
  const regionName = useCallback(
    (region: FeedbackRegion) =>
      t("testing.areaLabel", {
        prototype: region.prototypeTitle || t("methods.prototype.untitled"),
        area: t(`testing.areas.${region.area}`),
      }),
    [t],
  );

  const groups = useMemo<Group[]>(() => {
    if (stage === "empathize") {
      const areas: Group[] = EMPATHY_LAYOUT.map((area) => ({
        key: area.frame,
        heading: t(`methods.areas.${area.area}`),
        hint: t(`methods.areaHints.${area.area}`),
        notes: notes.filter((note) => note.frame === area.frame),
      }));
      const frames = new Set(EMPATHY_LAYOUT.map((area) => area.frame));
      const outside = notes.filter((note) => !note.frame || !frames.has(note.frame));
      return outside.length
        ? [...areas, { key: "outside", heading: t("phone.list.outside"), notes: outside }]
        : areas;
    }
    // Method frames first (Define's questions, Test's feedback grids), then clusters, then the rest.
    const out: Group[] = [];
    const framed = new Set<string>();
    if (stage === "define") {
      framed.add(HMW_FRAME);
      out.push({
        key: "hmw",
        heading: t("phone.list.hmw"),
        hint: t("methods.hmw.intro"),
        notes: notes.filter(isHmw),
      });
    }
    for (const region of regions) {
      framed.add(region.frame);
      out.push({
        key: region.frame,
        heading: regionName(region),
        hint: t(`testing.areaHints.${region.area}`),
        notes: notes.filter((note) => note.frame === region.frame),
      });
    }
    const rest = framed.size ? notes.filter((note) => !note.frame || !framed.has(note.frame)) : notes;
    const inRest = new Set(rest.map((note) => note.id));
    const clustered = new Set<NoteId>();
    for (const cluster of board.clusters) {
      const name = cluster.name.trim() || t("clusters.unnamed");
      const members = (board.members.get(cluster.id) ?? []).filter((note) => inRest.has(note.id));
      for (const note of members) clustered.add(note.id);
      out.push({
        key: cluster.id,
        heading: name,
        label: t("clusters.label", { name }),
        notes: members,
        cluster: true,
      });
    }
    const loose = rest.filter((note) => !clustered.has(note.id));
    if (loose.length || out.length === 0)
      out.push({
        key: "ungrouped",
        heading: board.clusters.length
          ? t("phone.list.ungrouped")
          : framed.size
            ? t("phone.list.others")
            : t("phone.list.notes"),
        notes: loose,
      });
    return out;
  }, [stage, notes, regions, regionName, board.clusters, board.members, t]);

  // Keep a note just written in sight, below the form (which sticks under the stage tabs while the page
  // scrolls); the focus stays in the form.
  useEffect(() => {
    const scroller = scrollerRef.current;
    const item = added && scroller?.querySelector(`[data-note-id="${added}"]`);
    if (!scroller || !item) return;
    const formBottom = composeRef.current?.closest("form")?.getBoundingClientRect().bottom ?? 0;
    const at = item.getBoundingClientRect();
    const below = window.innerHeight - 72; // the floating List / Canvas switch
    if (at.bottom > below) window.scrollBy(0, at.bottom - below + 8);
    else if (at.top < formBottom) window.scrollBy(0, at.top - formBottom - 8);
  }, [added]);

  const hmwById = useMemo(() => new Map(questions.map((q) => [q.id, q])), [questions]);
  const total = notes.length;

  return (
    <section className="phone-list" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t("phone.list.label", { stage: t(`stages.${stage}.name`) })}
      </h2>
      {canAdd ? (
        <Compose
          stage={stage}
          notes={all}
          frames={[...board.rects.values()]}
          questions={questions}
          regions={regions}
          regionName={regionName}
          textRef={composeRef}
          onAdded={(id, message) => {
            setAdded(id);
            announce(message);
          }}
        />
      ) : (
        <p className="phone-list__readonly" role="note">
          {locked && !roleReadOnly ? t("phone.compose.locked") : t("phone.compose.readOnly")}
        </p>
      )}
      <div ref={scrollerRef} className="phone-list__scroller">
        {total === 0 && stage !== "empathize" && stage !== "define" && (
          <p className="phone-list__empty">
            {canAdd ? t("phone.list.empty") : t("phone.list.emptyReadOnly")}
          </p>
        )}
        {groups.map((group) => {
          const id = `${headingId}-${group.key}`;
          const empty = group.notes.length === 0;
          // A lone "Notes" heading over an empty board says nothing the empty message does not.
          if (empty && group.key === "ungrouped" && groups.length === 1) return null;
          return (
            <section
              key={group.key}
              className="phone-group"
              aria-labelledby={group.label ? undefined : id}
              aria-label={group.label}
            >
              <h3 id={id} className="phone-group__heading">
                <span className="phone-group__name">{group.heading}</span>
                <span
                  className="phone-group__count"
                  data-testid={group.cluster ? "cluster-count" : undefined}
                >
                  {t("clusters.count", { count: group.notes.length })}
                </span>
              </h3>
              {empty ? (
                <p className="phone-group__empty">{group.hint ?? t("phone.list.emptyGroup")}</p>
              ) : (
                <ul className="phone-group__notes">
                  {group.notes.map((note) => (
                    <NoteItem
                      key={note.id}
                      note={note}
                      editable={!readOnly && canEditNote(self.role, self.id, note)}
                      mine={note.authorId === self.id}
                      hidden={note.id in hidden}
                      questions={stage === "ideate" ? questions : null}
                      question={note.answers ? (hmwById.get(note.answers) ?? null) : null}
                      onDeleted={() => {
                        announce(t("phone.note.deleted"));
                        composeRef.current?.focus();
                      }}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}

type Kind = "note" | "hmw";

function Compose({
  stage,
  notes,
  frames,
  questions,
  regions,
  regionName,
  textRef,
  onAdded,
}: {
  stage: StageId;
  /** Every note of the stage, hidden ones too: a new note should not land on any of them. */
  notes: Note[];
  frames: Rect[];
  questions: Note[];
  /** Test: the prototypes' feedback grids. */
  regions: FeedbackRegion[];
  regionName(region: FeedbackRegion): string;
  textRef: RefObject<HTMLTextAreaElement | null>;
  onAdded(id: NoteId, announcement: string): void;
}) {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const meta = useMeta(docs.control);
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [color, setColor] = useState<NoteColor>("yellow");
  const [area, setArea] = useState<Area>(EMPATHY_LAYOUT[0] as Area);
  const [kind, setKind] = useState<Kind>("note");
  // null: not chosen yet, so new ideas follow the pinned focus question (even when it is pinned later).
  const [chosen, setChosen] = useState<string | null>(null);
  const focus = meta.focusHmw && questions.some((q) => q.id === meta.focusHmw) ? meta.focusHmw : "";
  const answers =
    chosen !== null && (chosen === "" || questions.some((q) => q.id === chosen)) ? chosen : focus;
  const offerAnswers = stage === "ideate" && questions.length > 0;
  // Test: feedback goes into the first grid cell unless another (or none) is chosen.
  const [cell, setCell] = useState<string | null>(null);
  const region = regions.find((r) => r.frame === (cell ?? regions[0]?.frame)) ?? null;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const box = textRef.current;
    if (!text.trim()) {
      // "Add" with nothing written: the box is where to start.
      box?.focus();
      return;
    }
    const author = { id: self.id, name: self.name };
    let noteId: NoteId;
    let message = t("phone.compose.added");
    if (stage === "empathize") {
      noteId = addNote(docs.content, {
        stage,
        text,
        color,
        author,
        frame: area.frame,
        ...placeInArea(area, notes),
      });
      message = t("phone.compose.addedTo", { group: t(`methods.areas.${area.area}`) });
    } else if (region) {
      noteId = addNote(docs.content, {
        stage,
        text,
        color,
        author,
        frame: region.frame,
        ...placeInArea(region, notes),
      });
      message = t("phone.compose.addedTo", { group: regionName(region) });
    } else if (stage === "define" && kind === "hmw") {
      const lane = { left: 0, top: HMW_TOP, width: BOARD_WIDTH, height: BOARD_HEIGHT - HMW_TOP };
      noteId = addNote(docs.content, {
        stage,
        text,
        color,
        author,
        frame: HMW_FRAME,
        ...placeFromList(notes, frames, lane),
      });
      message = t("phone.compose.addedHmw");
    } else {
      // Define keeps its bottom lane for questions.
      const bounds = {
        left: 0,
        top: 0,
        width: BOARD_WIDTH,
        height: stage === "define" ? HMW_TOP : BOARD_HEIGHT,
      };
      noteId = addNote(docs.content, {
        stage,
        text,
        color,
        author,
        ...(offerAnswers && answers ? { answers: answers as NoteId } : {}),
        ...placeFromList(notes, frames, bounds),
      });
    }
    setText("");
    box?.focus();
    onAdded(noteId, message);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Thai and other input methods confirm their composition with Enter: that Enter is not a submit.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form className={`phone-compose${open ? " phone-compose--open" : ""}`} onSubmit={submit}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t("phone.compose.label")}
      </label>
      <div className="phone-compose__main">
        <textarea
          ref={textRef}
          id={`${id}-text`}
          className={`phone-compose__text note--${color}`}
          rows={open ? 3 : 1}
          value={text}
          maxLength={LIMITS.noteTextLength}
          placeholder={t("phone.compose.placeholder")}
          aria-describedby={`${id}-hint`}
          enterKeyHint="send"
          // Until someone starts writing, the form is one line: the notes get the screen. Only the box
          // opens it: a layout shift under a pressed Add button would turn the press into a miss.
          onFocus={() => setOpen(true)}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary phone-compose__add">
          {t("phone.compose.add")}
        </button>
      </div>
      <p id={`${id}-hint`} className="visually-hidden">
        {t("phone.compose.hint")}
      </p>
      {open && stage === "empathize" && (
        <div className="phone-compose__field">
          <label htmlFor={`${id}-area`}>{t("phone.compose.area")}</label>
          <select
            id={`${id}-area`}
            value={area.frame}
            onChange={(event) => setArea(EMPATHY_LAYOUT.find((a) => a.frame === event.target.value) ?? area)}
          >
            {EMPATHY_LAYOUT.map((a) => (
              <option key={a.frame} value={a.frame}>
                {t(`methods.areas.${a.area}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {open && stage === "define" && (
        <div className="phone-compose__field">
          <label htmlFor={`${id}-kind`}>{t("phone.compose.kind")}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => {
              const next = event.target.value as Kind;
              setKind(next);
              // The board's convention: questions are blue.
              setColor(next === "hmw" ? "blue" : "yellow");
            }}
          >
            <option value="note">{t("phone.compose.kindNote")}</option>
            <option value="hmw">{t("phone.compose.kindHmw")}</option>
          </select>
        </div>
      )}
      {open && regions.length > 0 && (
        <div className="phone-compose__field">
          <label htmlFor={`${id}-cell`}>{t("phone.compose.feedback")}</label>
          <select
            id={`${id}-cell`}
            value={region?.frame ?? ""}
            onChange={(event) => setCell(event.target.value)}
          >
            {regions.map((r) => (
              <option key={r.frame} value={r.frame}>
                {regionName(r)}
              </option>
            ))}
            <option value="">{t("phone.compose.general")}</option>
          </select>
        </div>
      )}
      {open && offerAnswers && (
        <div className="phone-compose__field">
          <label htmlFor={`${id}-answers`}>{t("phone.answers.label")}</label>
          <AnswersSelect
            id={`${id}-answers`}
            value={answers}
            questions={questions}
            onChange={(value) => setChosen(value)}
          />
        </div>
      )}
      {open && (
        <fieldset className="phone-compose__colors">
          <legend className="visually-hidden">{t("note.colors")}</legend>
          {NOTE_COLORS.map((option) => (
            <button
              key={option}
              type="button"
              className={`phone-swatch phone-swatch--${option}`}
              aria-label={t(`colors.${option}`)}
              title={t(`colors.${option}`)}
              aria-pressed={option === color}
              onClick={() => setColor(option)}
            />
          ))}
        </fieldset>
      )}
    </form>
  );
}

function AnswersSelect({
  id,
  value,
  questions,
  onChange,
}: {
  id: string;
  value: string;
  questions: Note[];
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  const known = value === "" || questions.some((q) => q.id === value);
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t("phone.answers.none")}</option>
      {questions.map((q) => (
        <option key={q.id} value={q.id}>
          {q.text.trim() || t("methods.hmw.placeholder")}
        </option>
      ))}
      {!known && <option value={value}>{t("phone.answers.missing")}</option>}
    </select>
  );
}

function NoteItem({
  note,
  editable,
  mine,
  hidden,
  questions,
  question,
  onDeleted,
}: {
  note: Note;
  editable: boolean;
  mine: boolean;
  /** Hidden by the facilitator (only facilitators get hidden notes here). */
  hidden: boolean;
  /** Ideate: the HMW questions an idea may answer; null on other stages. */
  questions: Note[] | null;
  question: Note | null;
  onDeleted(): void;
}) {
  const { t } = useTranslation();
  const { docs } = useWorkshop();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const author = note.authorName || t("note.anonymous");
  const text = note.text.trim() ? note.text : "";

  useEffect(() => {
    if (draft === null && returnFocus.current) {
      returnFocus.current = false;
      editRef.current?.focus();
    }
  }, [draft]);

  const close = (save: boolean) => {
    if (save && draft !== null && draft !== note.text) editNote(docs.content, note.id, draft);
    returnFocus.current = true;
    setDraft(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      close(true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(false);
    }
  };

  const answersText = question ? question.text : note.answers ? t("phone.answers.missing") : "";

  return (
    <li className="phone-group__item" data-note-id={note.id}>
      <article
        className={`phone-note note--${note.color}${hidden ? " phone-note--hidden" : ""}`}
        aria-label={text ? t("note.label", { author, text }) : t("note.labelEmpty", { author })}
      >
        {draft === null ? (
          <p className="phone-note__text">{text || <span className="phone-note__blank">…</span>}</p>
        ) : (
          <form
            className="phone-note__edit"
            onSubmit={(event) => {
              event.preventDefault();
              close(true);
            }}
          >
            <label htmlFor={`${id}-edit`} className="visually-hidden">
              {t("phone.note.editLabel")}
            </label>
            <textarea
              id={`${id}-edit`}
              value={draft}
              rows={3}
              maxLength={LIMITS.noteTextLength}
              // biome-ignore lint/a11y/noAutofocus: the person just pressed Edit; the text is what they want next.
              autoFocus
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <div className="phone-note__actions">
              <button type="submit" className="button button--primary">
                {t("phone.note.save")}
              </button>
              <button type="button" className="button" onClick={() => close(false)}>
                {t("phone.note.cancel")}
              </button>
            </div>
          </form>
        )}
        {questions && editable && questions.length > 0 ? (
          <div className="phone-note__answers">
            <label htmlFor={`${id}-answers`}>{t("phone.answers.label")}</label>
            <AnswersSelect
              id={`${id}-answers`}
              value={note.answers ?? ""}
              questions={questions}
              onChange={(value) => setNoteAnswers(docs.content, note.id, value ? (value as NoteId) : null)}
            />
          </div>
        ) : (
          answersText && (
            <p className="phone-note__answers">{t("phone.answers.shown", { question: answersText })}</p>
          )
        )}
        <p className="phone-note__author">{mine ? t("phone.note.you", { name: author }) : author}</p>
        <NoteFacilitation note={note} />
        {editable && draft === null && (
          <div className="phone-note__actions">
            <button ref={editRef} type="button" className="button" onClick={() => setDraft(note.text)}>
              {t("phone.note.edit")}
            </button>
            <button
              type="button"
              className="button phone-note__delete"
              onClick={() => {
                deleteNote(docs.content, note.id);
                onDeleted();
              }}
            >
              {t("phone.note.delete")}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}
