import "./facilitation.css";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  addTimerTime,
  closeVote,
  formatRemaining,
  getMeta,
  mayBrowseStages,
  moveToStage,
  pauseTimer,
  resumeTimer,
  type StageId,
  setNavigationLocked,
  setStageLocked,
  startTimer,
  startVote,
  stopTimer,
  summonEveryone,
  timerRemaining,
  VOTE_LIMITS,
} from "../../shared";
import { HistoryPanel } from "../history/HistoryPanel";
import { canSteer } from "../permissions";
import { useSession } from "../state/session";
import { useWorkshop } from "../sync/context";
import { useMeta, useNotes } from "../sync/useDoc";
import { useAnnounce } from "../workshop/Announcer";
import { fetchBallot, measureOffset, revealBallots } from "./api";
import { useStageControl, useTimer, useVote, useVoteResults } from "./hooks";
import { beep, serverNow, useFacilitation } from "./state";

/** Summons older than this are history, not a call to come over (a late joiner ignores them). */
const SUMMON_FRESH_MS = 2 * 60_000;

/**
 * The facilitation strip under the stage tabs: everyone sees the timer, vote progress and results;
 * facilitators get the controls. Also makes participants follow the current stage and summons.
 */
export function FacilitationBar() {
  const { t } = useTranslation();
  const { docs, self, api } = useWorkshop();
  const meta = useMeta(docs.control);
  const control = useStageControl(docs.control);
  const stage = useSession((s) => s.stage);
  const setStage = useSession((s) => s.setStage);
  const setZoom = useSession((s) => s.setZoom);
  const announce = useAnnounce();
  const steer = canSteer(self.role);
  const [notice, setNotice] = useState<string | null>(null);
  const setOffset = useFacilitation((s) => s.setOffset);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(null), 10_000);
    return () => clearTimeout(id);
  }, [notice]);

  useEffect(() => {
    let live = true;
    measureOffset().then(
      (offset) => live && setOffset(offset),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [setOffset]);

  // Follow the facilitator: a change of the current stage moves participants there, politely.
  const lastCurrent = useRef<StageId | null>(null);
  useEffect(() => {
    const current = meta.currentStage;
    const before = lastCurrent.current;
    lastCurrent.current = current;
    if (steer || before === current) return;
    // The first value comes from the synced document: go there silently.
    setStage(current);
    if (before === null) return;
    const message = t("facilitation.moved", { stage: t(`stages.${current}.name`) });
    setNotice(message);
    announce(message);
  }, [meta.currentStage, steer, setStage, announce, t]);

  // Locked navigation: participants stay on the current stage.
  const mayBrowse = mayBrowseStages(self.role, control);
  useEffect(() => {
    if (!mayBrowse && stage !== meta.currentStage) setStage(meta.currentStage);
  }, [mayBrowse, stage, meta.currentStage, setStage]);

  // "Bring everyone here": applied once per new signal.
  const appliedSummon = useRef<number | null>(null);
  useEffect(() => {
    const summon = control.summon;
    if (!summon || steer || appliedSummon.current === summon.at) return;
    appliedSummon.current = summon.at;
    if (serverNow() - summon.at > SUMMON_FRESH_MS) return;
    setStage(summon.stage);
    setZoom(summon.zoom);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const viewport = document.querySelector<HTMLElement>(".board__viewport");
        viewport?.scrollTo?.({ left: summon.x * summon.zoom, top: summon.y * summon.zoom });
      }),
    );
    const message = t("facilitation.summoned", { stage: t(`stages.${summon.stage}.name`) });
    setNotice(message);
    announce(message);
  }, [control.summon, steer, setStage, setZoom, announce, t]);

  const vote = useVote(docs.control);
  const setBallot = useFacilitation((s) => s.setBallot);
  const ballot = useFacilitation((s) => s.ballot);
  useEffect(() => {
    if (!vote || !api?.participantToken || self.role === "observer") {
      setBallot(null);
      return;
    }
    if (ballot?.voteId === vote.id) return;
    fetchBallot(api, vote.id).then(
      (b) => setBallot({ voteId: b.voteId, mine: b.mine, remaining: b.remaining }),
      () => setBallot({ voteId: vote.id, mine: {}, remaining: vote.perPerson }),
    );
  }, [vote, api, self.role, ballot?.voteId, setBallot]);

  return (
    <section className="facilitation" aria-label={t("facilitation.label")}>
      <div className="facilitation__row">
        <TimerDisplay />
        {!steer && control.navigationLocked && (
          <span className="facilitation__pill">{t("facilitation.navLocked")}</span>
        )}
        {control.lockedStages.includes(stage) && (
          <span className="facilitation__pill">{t("facilitation.boardLocked")}</span>
        )}
        {vote && <VoteStatus />}
        {notice && (
          <p className="facilitation__notice">
            {notice}
            <button
              type="button"
              className="icon-button facilitation__dismiss"
              aria-label={t("facilitation.dismiss")}
              onClick={() => setNotice(null)}
            >
              ×
            </button>
          </p>
        )}
      </div>
      <Results />
      {steer && (
        <div className="facilitation__tools">
          <FacilitatorControls />
          <HistoryPanel />
        </div>
      )}
    </section>
  );
}

/** Countdown from the shared timer, corrected for this client's clock offset. */
function TimerDisplay() {
  const { t } = useTranslation();
  const { docs } = useWorkshop();
  const timer = useTimer(docs.control);
  const offset = useFacilitation((s) => s.offset);
  const sound = useFacilitation((s) => s.sound);
  const setSound = useFacilitation((s) => s.setSound);
  const announce = useAnnounce();
  const [, tick] = useState(0);
  useEffect(() => {
    if (timer.status !== "running") return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [timer.status]);
  void offset;
  const remaining = timerRemaining(timer, serverNow());
  const done = remaining === 0 && timer.status === "running";
  const rung = useRef<number | null>(null);
  useEffect(() => {
    if (!done || rung.current === timer.endsAt) return;
    rung.current = timer.endsAt;
    announce(t("facilitation.timer.done"));
    if (sound) beep();
  }, [done, timer.endsAt, sound, announce, t]);
  if (remaining === null) return null;
  return (
    <div className={`timer${done ? " timer--done" : ""}${timer.status === "paused" ? " timer--paused" : ""}`}>
      <span
        role="timer"
        aria-label={t("facilitation.timer.label")}
        className="timer__time"
        data-testid="timer"
      >
        {formatRemaining(remaining)}
      </span>
      {done && <span className="timer__done">{t("facilitation.timer.done")}</span>}
      {timer.status === "paused" && <span className="timer__state">{t("facilitation.timer.paused")}</span>}
      <button
        type="button"
        className="icon-button"
        aria-pressed={sound}
        aria-label={t("facilitation.timer.sound")}
        title={t("facilitation.timer.sound")}
        onClick={() => setSound(!sound)}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.8V3a1.5 1.5 0 0 0-3 0v1.2A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
          {!sound && <path stroke="currentColor" strokeWidth="2.5" d="M3 3l18 18" />}
        </svg>
      </button>
    </div>
  );
}

function VoteStatus() {
  const { t } = useTranslation();
  const { docs, self } = useWorkshop();
  const vote = useVote(docs.control);
  const ballot = useFacilitation((s) => s.ballot);
  const stage = useSession((s) => s.stage);
  const setStage = useSession((s) => s.setStage);
  if (vote?.status !== "open") return null;
  const stageName = t(`stages.${vote.stage}.name`);
  return (
    <div className="vote-status" role="status">
      <strong>{t("facilitation.vote.open", { stage: stageName })}</strong>
      {self.role !== "observer" && ballot?.voteId === vote.id && (
        <span className="vote-status__left" data-testid="votes-left">
          {t("facilitation.vote.left", { count: ballot.remaining })}
        </span>
      )}
      <span>{t("facilitation.vote.voters", { count: vote.voters })}</span>
      {stage !== vote.stage && (
        <button type="button" className="button button--small" onClick={() => setStage(vote.stage)}>
          {t("facilitation.vote.goThere", { stage: stageName })}
        </button>
      )}
    </div>
  );
}

/** The latest revealed ranking (the others stay in the document for the report). */
function Results() {
  const { t } = useTranslation();
  const { docs } = useWorkshop();
  const vote = useVote(docs.control);
  const results = useVoteResults(docs.control);
  const notes = useNotes(docs.content);
  const latest = results[0];
  if (!latest || !vote || vote.id !== latest.voteId || vote.status !== "revealed") return null;
  const byId = new Map(notes.map((n) => [n.id as string, n]));
  return (
    <div className="vote-results">
      <h2 className="vote-results__heading">
        {t("facilitation.vote.results", { stage: t(`stages.${latest.stage}.name`) })}
      </h2>
      {latest.ranking.length === 0 ? (
        <p>{t("facilitation.vote.noVotes")}</p>
      ) : (
        <ol className="vote-results__list" data-testid="ranking">
          {latest.ranking.slice(0, 5).map((row) => (
            <li key={row.target}>
              <span className="vote-results__text">{byId.get(row.target)?.text || "…"}</span>{" "}
              <span className="vote-results__count">{t("facilitation.vote.dots", { count: row.count })}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function FacilitatorControls() {
  const { t } = useTranslation();
  const { docs, api } = useWorkshop();
  const stage = useSession((s) => s.stage);
  const zoom = useSession((s) => s.zoom);
  const control = useStageControl(docs.control);
  const timer = useTimer(docs.control);
  const vote = useVote(docs.control);
  const [minutes, setMinutes] = useState(5);
  const [perPerson, setPerPerson] = useState(3);
  const [allowMultiple, setAllowMultiple] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const locked = control.lockedStages.includes(stage);

  const bringHere = () => {
    const viewport = document.querySelector<HTMLElement>(".board__viewport");
    // The current stage moves too, so a locked navigation does not pull people back.
    if (getMeta(docs.control).currentStage !== stage) moveToStage(docs.control, stage);
    summonEveryone(docs.control, {
      stage,
      x: viewport ? viewport.scrollLeft / zoom : 0,
      y: viewport ? viewport.scrollTop / zoom : 0,
      zoom,
      at: serverNow(),
    });
  };

  const reveal = async () => {
    if (!vote || !api) return;
    setError(null);
    try {
      await revealBallots(api, vote.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <details className="facilitator-controls">
      <summary>{t("facilitation.controls")}</summary>
      <div className="facilitator-controls__groups">
        <fieldset className="facilitator-controls__group">
          <legend>{t("facilitation.stageGroup")}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={control.navigationLocked}
              onChange={(e) => setNavigationLocked(docs.control, e.target.checked)}
            />
            {t("facilitation.lockNav")}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={locked}
              onChange={(e) => setStageLocked(docs.control, stage, e.target.checked)}
            />
            {t("facilitation.lockBoard", { stage: t(`stages.${stage}.name`) })}
          </label>
          <button type="button" className="button button--small" onClick={bringHere}>
            {t("facilitation.bringHere")}
          </button>
        </fieldset>
        <fieldset className="facilitator-controls__group">
          <legend>{t("facilitation.timer.label")}</legend>
          {timer.status === "stopped" ? (
            <>
              <label>
                {t("facilitation.timer.minutes")}{" "}
                <input
                  type="number"
                  min={1}
                  max={120}
                  value={minutes}
                  className="facilitator-controls__number"
                  onChange={(e) => setMinutes(Math.max(1, Math.min(120, Number(e.target.value) || 1)))}
                />
              </label>
              <button
                type="button"
                className="button button--small button--primary"
                onClick={() => startTimer(docs.control, minutes * 60_000, serverNow())}
              >
                {t("facilitation.timer.start")}
              </button>
            </>
          ) : (
            <>
              {timer.status === "running" ? (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => pauseTimer(docs.control, serverNow())}
                >
                  {t("facilitation.timer.pause")}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => resumeTimer(docs.control, serverNow())}
                >
                  {t("facilitation.timer.resume")}
                </button>
              )}
              <button
                type="button"
                className="button button--small"
                onClick={() => addTimerTime(docs.control, 60_000, serverNow())}
              >
                {t("facilitation.timer.addMinute")}
              </button>
              <button type="button" className="button button--small" onClick={() => stopTimer(docs.control)}>
                {t("facilitation.timer.stop")}
              </button>
            </>
          )}
        </fieldset>
        <fieldset className="facilitator-controls__group">
          <legend>{t("facilitation.vote.label")}</legend>
          {!vote || vote.status === "closed" ? (
            <>
              <label>
                {t("facilitation.vote.perPerson")}{" "}
                <input
                  type="number"
                  min={1}
                  max={VOTE_LIMITS.maxPerPerson}
                  value={perPerson}
                  className="facilitator-controls__number"
                  onChange={(e) =>
                    setPerPerson(Math.max(1, Math.min(VOTE_LIMITS.maxPerPerson, Number(e.target.value) || 1)))
                  }
                />
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={allowMultiple}
                  onChange={(e) => setAllowMultiple(e.target.checked)}
                />
                {t("facilitation.vote.allowMultiple")}
              </label>
              <button
                type="button"
                className="button button--small button--primary"
                onClick={() => startVote(docs.control, { stage, perPerson, allowMultiple })}
              >
                {t("facilitation.vote.start", { stage: t(`stages.${stage}.name`) })}
              </button>
            </>
          ) : (
            <>
              {vote.status === "open" && (
                <button type="button" className="button button--small button--primary" onClick={reveal}>
                  {t("facilitation.vote.reveal")}
                </button>
              )}
              <button type="button" className="button button--small" onClick={() => closeVote(docs.control)}>
                {t("facilitation.vote.end")}
              </button>
            </>
          )}
          {error && <p role="alert">{error}</p>}
        </fieldset>
      </div>
    </details>
  );
}
