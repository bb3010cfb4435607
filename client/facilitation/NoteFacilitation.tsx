import { useTranslation } from "react-i18next";
import { hideNote, type Note, unhideNote } from "../../shared";
import { ApiFailure } from "../sync/api";
import { useWorkshop } from "../sync/context";
import { castBallot } from "./api";
import { useHidden, useVote, useVoteResults } from "./hooks";
import { useFacilitation } from "./state";

/**
 * Facilitators' moderation of one note: the "hidden" badge and hide/unhide. Its own component so a
 * board card can keep it in its header row, leaving the card's body to the text.
 */
export function NoteModeration({ note }: { note: Note }) {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const hidden = useHidden(docs.control);
  if (self.role !== "facilitator") return null;
  const isHidden = note.id in hidden;
  return (
    <div className="note-fac__moderate">
      {isHidden && <span className="note-fac__hidden">{t("facilitation.note.hidden")}</span>}
      <button
        type="button"
        className="button button--ghost button--small note-fac__hide"
        onClick={() =>
          isHidden ? unhideNote(docs.control, note.id) : hideNote(docs.control, note.id, self.id)
        }
      >
        {isHidden ? t("facilitation.note.unhide") : t("facilitation.note.hide")}
      </button>
    </div>
  );
}

/**
 * What the facilitation toolkit adds to a note: dot-vote buttons while a vote is open on its stage, its
 * count once revealed, and (unless `moderation` is false, when the caller shows `NoteModeration`
 * itself) the facilitator's moderation.
 */
export function NoteFacilitation({ note, moderation = true }: { note: Note; moderation?: boolean }) {
  const { t } = useTranslation();
  const { docs, self, api } = useWorkshop();
  const hidden = useHidden(docs.control);
  const vote = useVote(docs.control);
  const results = useVoteResults(docs.control);
  const ballot = useFacilitation((s) => s.ballot);
  const pending = useFacilitation((s) => s.pending);
  const setBallot = useFacilitation((s) => s.setBallot);
  const setPending = useFacilitation((s) => s.setPending);
  const facilitator = self.role === "facilitator";
  const isHidden = note.id in hidden;
  const onStage = vote && vote.stage === note.stage;
  const voting = onStage && vote.status === "open" && !isHidden && self.role !== "observer" && !!api;
  const mine = ballot && vote && ballot.voteId === vote.id ? (ballot.mine[note.id] ?? 0) : 0;
  const revealed =
    onStage && vote.status === "revealed" ? results.find((r) => r.voteId === vote.id) : undefined;
  const count = revealed?.ranking.find((r) => r.target === note.id)?.count ?? 0;

  const cast = async (action: "add" | "remove") => {
    if (!vote || !api) return;
    setPending(note.id);
    try {
      const b = await castBallot(api, vote.id, note.id, action);
      setBallot({ voteId: b.voteId, mine: b.mine, remaining: b.remaining });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
    } finally {
      setPending(null);
    }
  };

  if (!voting && !revealed && !(moderation && facilitator)) return null;
  return (
    <div className="note-fac">
      {voting && (
        <div className="note-fac__vote">
          <button
            type="button"
            className="note-fac__dot"
            disabled={
              pending !== null || !ballot || ballot.remaining === 0 || (!vote.allowMultiple && mine > 0)
            }
            aria-label={t("facilitation.vote.add")}
            onClick={() => void cast("add")}
          >
            <span aria-hidden="true">● </span>
            {t("facilitation.vote.addShort")}
          </button>
          {mine > 0 && (
            <>
              <span className="note-fac__mine" data-testid="my-dots">
                {t("facilitation.vote.mine", { count: mine })}
              </span>
              <button
                type="button"
                className="note-fac__undo"
                disabled={pending !== null}
                aria-label={t("facilitation.vote.remove")}
                onClick={() => void cast("remove")}
              >
                −
              </button>
            </>
          )}
        </div>
      )}
      {revealed && (
        <span className="note-fac__count" data-testid="note-votes">
          {t("facilitation.vote.dots", { count })}
        </span>
      )}
      {moderation && <NoteModeration note={note} />}
    </div>
  );
}
