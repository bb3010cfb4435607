import type * as Y from "yjs";
import { type Cluster, getClusters, getMemberships } from "../clusters";
import { getHidden, getVoteResults } from "../facilitation";
import {
  EMPATHY_AREAS,
  type EmpathyArea,
  FEEDBACK_AREAS,
  type FeedbackArea,
  getPersonas,
  getPovs,
  getPrototypes,
  getStoryboardSteps,
  HMW_FRAME,
  type PrototypeStatus,
  type RichField,
  richTextKey,
  type StoryboardStep,
} from "../methods";
import { getMeta, getNotes, type WorkshopDocs } from "../model";
import type { Role } from "../protocol";
import { STAGES, type StageId } from "../schema";
import { blocksToMarkdown, blocksToText, fragmentToBlocks, type RichBlock } from "./richtext";

/**
 * The workshop report: one plain, versioned object built from a workshop's two documents, which every
 * renderer (Markdown, HTML, JSON open data, CSV, DOCX) reads. Built for publishing: hidden notes are
 * left out everywhere (also from vote rankings and prototype links), and authors appear as stable
 * pseudonyms ("Participant 3"), numbered in the order of their first visible contribution. Participant
 * ids, display names and tokens never enter the object when `pseudonymize` is on.
 */

export const REPORT_VERSION = 1;

export interface ReportParticipant {
  id: string;
  role: Role;
  /** Display name; used only when `pseudonymize` is off. */
  name?: string;
}

export interface ReportOptions {
  /** Authors as "Participant N" (true), or by their display names (false: internal use only). */
  pseudonymize: boolean;
  /** Hidden (moderated) notes never go into a report. */
  includeHidden: false;
  /** Who took part, as the server knows it (participant id → role); without it, only contributors are counted. */
  participants?: readonly ReportParticipant[];
  /** Stage changes, oldest first, when a history is kept; otherwise the timeline shows activity per stage. */
  history?: readonly { stage: StageId; at: number }[];
  /** Clock of the export (tests fix it). */
  now?: number;
}

export type ContributionKind =
  | "empathy"
  | "hmw"
  | "idea"
  | "feedback"
  | "note"
  | "persona"
  | "pov"
  | "prototype"
  | "storyboard-step";

export interface RichText {
  markdown: string;
  text: string;
  blocks: RichBlock[];
}

export interface ReportAuthor {
  /** The pseudonym number: "Participant n". */
  n: number;
  role: Role | null;
  /** Only when the report is not pseudonymized. */
  name?: string;
}

export interface ReportNote {
  id: string;
  stage: StageId;
  kind: ContributionKind;
  text: string;
  frame: string | null;
  /** Pseudonym number of the author (see `authors`), null when unknown. */
  author: number | null;
  createdAt: number;
  /** Votes in the latest revealed vote of the note's stage (0 when none). */
  votes: number;
  cluster: string | null;
  /** The HMW note an idea answers. */
  answers: string | null;
}

interface ReportRecord {
  id: string;
  author: number | null;
  createdAt: number;
}

export interface ReportPersona extends ReportRecord {
  name: string;
  emoji: string;
  quote: string;
  /** A stored image of the workshop, shown instead of the emoji; renderers get its bytes apart. */
  imageId: string | null;
  needs: RichText;
  context: RichText;
}

export interface ReportPov extends ReportRecord {
  user: string;
  need: string;
  insight: string;
}

export interface ReportStoryboardStep {
  id: string;
  /** 1, 2, 3… in the storyboard's order. */
  number: number;
  text: string;
  /** A stored image of the workshop (`/api/workshops/:id/images/:imageId`); renderers get its bytes apart. */
  imageId: string | null;
}

export interface ReportPrototype extends ReportRecord {
  title: string;
  description: RichText;
  ideas: { id: string; text: string }[];
  /** The storyboard's steps in order. */
  storyboard: ReportStoryboardStep[];
  testPlan: { who: string; what: string; how: string };
  /** The test result; null while undecided. */
  status: PrototypeStatus | null;
  nextSteps: RichText;
}

export interface ReportVote {
  voteId: string;
  stage: StageId;
  voters: number;
  perPerson: number;
  revealedAt: number;
  ranking: { noteId: string; count: number }[];
}

export interface ReportFeedback {
  prototypeId: string;
  /** Null when the prototype was deleted after the feedback was given. */
  prototypeTitle: string | null;
  cells: Record<FeedbackArea, ReportNote[]>;
}

export interface ReportStage {
  stage: StageId;
  /** Visible notes on the stage's board. */
  notes: number;
  firstAt: number | null;
  lastAt: number | null;
  /** When the facilitator first moved everyone here (from the history, when given). */
  enteredAt: number | null;
  current: boolean;
  /** The workshop got this far (current or earlier, or has content). */
  reached: boolean;
}

export interface ReportContribution {
  id: string;
  stage: StageId;
  kind: ContributionKind;
  text: string;
  cluster: string | null;
  votes: number;
  author: number | null;
  createdAt: number;
  /** A prototype's test result (null for everything else, and while undecided). */
  status: PrototypeStatus | null;
}

export interface Report {
  version: typeof REPORT_VERSION;
  generatedAt: number;
  pseudonymized: boolean;
  workshop: {
    title: string;
    challenge: string;
    createdAt: number;
    currentStage: StageId;
    focusHmw: ReportNote | null;
  };
  authors: ReportAuthor[];
  participants: {
    /** People with at least one visible contribution. */
    contributors: number;
    /** Per role: from the server's participants when given, else contributors whose role is known. */
    byRole: Partial<Record<Role | "unknown", number>>;
    source: "participants" | "contributors";
  };
  personas: ReportPersona[];
  empathyMap: Record<EmpathyArea, ReportNote[]>;
  povs: ReportPov[];
  hmw: ReportNote[];
  /** Ideate notes, most votes first, then oldest first. */
  ideas: ReportNote[];
  /** Ideas with at least one vote, most first (at most 10). */
  topIdeas: ReportNote[];
  clusters: { name: string; noteIds: string[] }[];
  votes: ReportVote[];
  prototypes: ReportPrototype[];
  feedback: ReportFeedback[];
  /** Notes outside every method area (stages other than Ideate). */
  otherNotes: ReportNote[];
  timeline: ReportStage[];
  /** Every visible contribution, oldest first: the rows of the CSV. */
  contributions: ReportContribution[];
}

const TOP_IDEAS = 10;

function richText(content: Y.Doc, recordId: string, field: RichField): RichText {
  const key = richTextKey(recordId, field);
  // Never create a fragment that does not exist (the export reads a live document).
  const blocks = content.share.has(key) ? fragmentToBlocks(content.getXmlFragment(key)) : [];
  return { markdown: blocksToMarkdown(blocks, 2), text: blocksToText(blocks), blocks };
}

const kindOf = (stage: StageId, frame: string | undefined): ContributionKind => {
  if (frame?.startsWith("empathy:")) return "empathy";
  if (frame === HMW_FRAME) return "hmw";
  if (frame?.startsWith("feedback:")) return "feedback";
  return stage === "ideate" ? "idea" : "note";
};

/** The cluster a note belongs to (shared/clusters.ts): its id and name, or null. */
function clusterOf(
  clusters: ReadonlyMap<string, Cluster>,
  memberships: ReadonlyMap<string, string>,
  noteId: string,
): Cluster | null {
  const id = memberships.get(noteId);
  return (id && clusters.get(id)) || null;
}

export function buildReport(docs: WorkshopDocs, options: ReportOptions): Report {
  const { content, control } = docs;
  const meta = getMeta(control);
  const hidden = getHidden(control);
  const notes = getNotes(content).filter((note) => !(note.id in hidden));
  const personas = getPersonas(content);
  const povs = getPovs(content);
  const prototypes = getPrototypes(content);
  // Steps of a prototype deleted meanwhile (a concurrent add can outlive the delete) belong to nothing.
  const prototypeIds = new Set<string>(prototypes.map((p) => p.id));
  const steps = getStoryboardSteps(content).filter((s) => prototypeIds.has(s.prototypeId));
  const stepsOf = new Map<string, StoryboardStep[]>();
  for (const step of steps) stepsOf.set(step.prototypeId, [...(stepsOf.get(step.prototypeId) ?? []), step]);
  const visible = new Set<string>(notes.map((n) => n.id));
  const clusterById = new Map<string, Cluster>(getClusters(content).map((c) => [c.id, c]));
  const memberships: ReadonlyMap<string, string> = getMemberships(content);

  // ---- pseudonyms: order of first visible contribution ----
  const roles = new Map<string, ReportParticipant>();
  for (const p of options.participants ?? []) roles.set(p.id, p);
  const firsts: { authorId: string; createdAt: number; id: string; name: string }[] = [
    ...notes.map((n) => ({ authorId: n.authorId, createdAt: n.createdAt, id: n.id, name: n.authorName })),
    ...[...personas, ...povs, ...prototypes, ...steps].map((r) => ({
      authorId: r.authorId,
      createdAt: r.createdAt,
      id: r.id,
      name: "",
    })),
  ].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const numbers = new Map<string, number>();
  const authors: ReportAuthor[] = [];
  for (const item of firsts) {
    if (!item.authorId) continue;
    const known = numbers.get(item.authorId);
    if (known !== undefined) {
      const author = authors[known - 1];
      if (author && !options.pseudonymize && !author.name && item.name) author.name = item.name;
      continue;
    }
    const n = authors.length + 1;
    numbers.set(item.authorId, n);
    const participant = roles.get(item.authorId);
    const author: ReportAuthor = { n, role: participant?.role ?? null };
    if (!options.pseudonymize) {
      const name = participant?.name || item.name;
      if (name) author.name = name;
    }
    authors.push(author);
  }
  const authorOf = (authorId: string) => (authorId ? (numbers.get(authorId) ?? null) : null);

  // ---- votes: latest revealed result per stage, hidden notes left out ----
  const results = getVoteResults(control); // most recent first
  const votes: ReportVote[] = results.map((r) => ({
    voteId: r.voteId,
    stage: r.stage,
    voters: r.voters,
    perPerson: r.perPerson,
    revealedAt: r.revealedAt,
    ranking: r.ranking
      .filter((x) => visible.has(x.target))
      .map((x) => ({ noteId: x.target, count: x.count })),
  }));
  const latestByStage = new Map<StageId, ReportVote>();
  for (const vote of votes) if (!latestByStage.has(vote.stage)) latestByStage.set(vote.stage, vote);
  const votesOf = (noteId: string, stage: StageId) =>
    latestByStage.get(stage)?.ranking.find((x) => x.noteId === noteId)?.count ?? 0;

  const reportNotes: ReportNote[] = notes.map((note) => ({
    id: note.id,
    stage: note.stage,
    kind: kindOf(note.stage, note.frame),
    text: note.text,
    frame: note.frame ?? null,
    author: authorOf(note.authorId),
    createdAt: note.createdAt,
    votes: votesOf(note.id, note.stage),
    cluster: clusterOf(clusterById, memberships, note.id)?.name.trim() || null,
    answers: note.answers && visible.has(note.answers) ? note.answers : null,
  }));
  const byId = new Map(reportNotes.map((n) => [n.id, n]));

  const empathyMap = Object.fromEntries(
    EMPATHY_AREAS.map((area) => [area, reportNotes.filter((n) => n.frame === `empathy:${area}`)]),
  ) as Record<EmpathyArea, ReportNote[]>;
  const hmw = reportNotes.filter((n) => n.kind === "hmw");
  const ideas = reportNotes
    .filter((n) => n.kind === "idea")
    .sort((a, b) => b.votes - a.votes || a.createdAt - b.createdAt);
  const topIdeas = ideas.filter((n) => n.votes > 0).slice(0, TOP_IDEAS);

  // Grouped by cluster id (two clusters may share a name), in the clusters' order; empty ones left out.
  const clusterMap = new Map<string, string[]>();
  for (const note of reportNotes) {
    const id = memberships.get(note.id);
    if (id && note.cluster) clusterMap.set(id, [...(clusterMap.get(id) ?? []), note.id]);
  }
  const clusters = [...clusterById.values()]
    .filter((c) => clusterMap.has(c.id))
    .map((c) => ({ name: c.name.trim() || c.id, noteIds: clusterMap.get(c.id) ?? [] }));

  const reportPrototypes: ReportPrototype[] = prototypes.map((p) => ({
    id: p.id,
    author: authorOf(p.authorId),
    createdAt: p.createdAt,
    title: p.title,
    description: richText(content, p.id, "description"),
    ideas: p.ideaIds.flatMap((id) => {
      const idea = byId.get(id);
      return idea ? [{ id, text: idea.text }] : [];
    }),
    storyboard: (stepsOf.get(p.id) ?? []).map((s, index) => ({
      id: s.id,
      number: index + 1,
      text: s.text,
      imageId: s.imageId,
    })),
    testPlan: { who: p.testWho, what: p.testWhat, how: p.testHow },
    status: p.status,
    nextSteps: richText(content, p.id, "nextSteps"),
  }));

  const feedbackIds: string[] = prototypes.map((p) => p.id);
  for (const note of reportNotes) {
    const id = note.kind === "feedback" ? note.frame?.split(":")[1] : undefined;
    if (id && !feedbackIds.includes(id)) feedbackIds.push(id);
  }
  const feedback: ReportFeedback[] = feedbackIds
    .map((prototypeId) => ({
      prototypeId,
      prototypeTitle: prototypes.find((p) => p.id === prototypeId)?.title ?? null,
      cells: Object.fromEntries(
        FEEDBACK_AREAS.map((area) => [
          area,
          reportNotes.filter((n) => n.frame === `feedback:${prototypeId}:${area}`),
        ]),
      ) as Record<FeedbackArea, ReportNote[]>,
    }))
    .filter((f) => f.prototypeTitle !== null || FEEDBACK_AREAS.some((a) => f.cells[a].length > 0));

  const currentIndex = STAGES.indexOf(meta.currentStage);
  const timeline: ReportStage[] = STAGES.map((stage, index) => {
    const onStage = reportNotes.filter((n) => n.stage === stage);
    const times = onStage.map((n) => n.createdAt).filter((t) => t > 0);
    const entered = options.history?.find((h) => h.stage === stage)?.at ?? null;
    return {
      stage,
      notes: onStage.length,
      firstAt: times.length ? Math.min(...times) : null,
      lastAt: times.length ? Math.max(...times) : null,
      enteredAt: entered,
      current: stage === meta.currentStage,
      reached: index <= currentIndex || onStage.length > 0 || entered !== null,
    };
  });

  const contributions: ReportContribution[] = [
    ...reportNotes.map((n) => ({
      id: n.id,
      stage: n.stage,
      kind: n.kind,
      text: n.text,
      cluster: n.cluster,
      votes: n.votes,
      author: n.author,
      createdAt: n.createdAt,
      status: null,
    })),
    ...personas.map((p) => ({
      id: p.id,
      stage: "empathize" as const,
      kind: "persona" as const,
      text: [p.name, p.quote].filter(Boolean).join(": "),
      cluster: null,
      votes: 0,
      author: authorOf(p.authorId),
      createdAt: p.createdAt,
      status: null,
    })),
    ...povs.map((p) => ({
      id: p.id,
      stage: "define" as const,
      kind: "pov" as const,
      text: povSentence(p),
      cluster: null,
      votes: 0,
      author: authorOf(p.authorId),
      createdAt: p.createdAt,
      status: null,
    })),
    ...reportPrototypes.map((p) => ({
      id: p.id,
      stage: "prototype" as const,
      kind: "prototype" as const,
      text: [p.title, p.description.text].filter(Boolean).join("\n"),
      cluster: null,
      votes: 0,
      author: p.author,
      createdAt: p.createdAt,
      status: p.status,
    })),
    ...steps.map((s) => ({
      id: s.id,
      stage: "prototype" as const,
      kind: "storyboard-step" as const,
      text: s.text,
      cluster: null,
      votes: 0,
      author: authorOf(s.authorId),
      createdAt: s.createdAt,
      status: null,
    })),
  ].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const byRole: Partial<Record<Role | "unknown", number>> = {};
  if (options.participants) {
    const seen = new Set<string>();
    for (const p of options.participants) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      byRole[p.role] = (byRole[p.role] ?? 0) + 1;
    }
  } else {
    for (const a of authors) byRole[a.role ?? "unknown"] = (byRole[a.role ?? "unknown"] ?? 0) + 1;
  }

  const focus = meta.focusHmw ? (byId.get(meta.focusHmw) ?? null) : null;
  return {
    version: REPORT_VERSION,
    generatedAt: options.now ?? Date.now(),
    pseudonymized: options.pseudonymize,
    workshop: {
      title: meta.title,
      challenge: meta.challenge,
      createdAt: meta.createdAt,
      currentStage: meta.currentStage,
      focusHmw: focus,
    },
    authors,
    participants: {
      contributors: authors.length,
      byRole,
      source: options.participants ? "participants" : "contributors",
    },
    personas: personas.map((p) => ({
      id: p.id,
      author: authorOf(p.authorId),
      createdAt: p.createdAt,
      name: p.name,
      emoji: p.emoji,
      quote: p.quote,
      imageId: p.imageId,
      needs: richText(content, p.id, "needs"),
      context: richText(content, p.id, "context"),
    })),
    empathyMap,
    povs: povs.map((p) => ({
      id: p.id,
      author: authorOf(p.authorId),
      createdAt: p.createdAt,
      user: p.user,
      need: p.need,
      insight: p.insight,
    })),
    hmw,
    ideas,
    topIdeas,
    clusters,
    votes,
    prototypes: reportPrototypes,
    feedback,
    otherNotes: reportNotes.filter((n) => n.kind === "note"),
    timeline,
    contributions,
  };
}

/** A POV as one text cell for the CSV and JSON rows: its three parts, language-neutral. */
export const povSentence = (p: { user: string; need: string; insight: string }): string =>
  [p.user, p.need, p.insight].map((s) => s.trim()).join(" | ");
