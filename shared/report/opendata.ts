import type { Report, ReportNote } from "./model";

/**
 * The workshop as open data (documented in docs/open-data.md, validated by docs/open-data.schema.json):
 * normalized, versioned, no personal data. Authors are `participant-<n>` pseudonyms; times are ISO 8601.
 * Version 2 added the prototypes' storyboard, test plan, result and next steps: version 1's schema
 * allowed no other fields, so data with them would have failed a consumer's validation of /1.
 */
export const OPEN_DATA_SCHEMA = "ruamkid.workshop/2";

const iso = (at: number | null | undefined): string | null => (at ? new Date(at).toISOString() : null);
const author = (n: number | null) => (n === null ? null : `participant-${n}`);

const note = (n: ReportNote) => ({
  id: n.id,
  stage: n.stage,
  kind: n.kind,
  frame: n.frame,
  text: n.text,
  author: author(n.author),
  createdAt: iso(n.createdAt),
  votes: n.votes,
  cluster: n.cluster,
  answers: n.answers,
});

export type OpenData = ReturnType<typeof toOpenData>;

export interface OpenDataSource {
  /** The workshop's id. */
  id?: string;
  url?: string;
  /**
   * The absolute URL of a stored image, or null. Give it only for a published workshop: otherwise its
   * images need a token to read, and a link nobody can follow is no data (the image is then null).
   */
  imageUrl?: (imageId: string) => string | null;
}

export function toOpenData(report: Report, source?: OpenDataSource) {
  const w = report.workshop;
  const notes = [
    ...Object.values(report.empathyMap).flat(),
    ...report.hmw,
    ...report.ideas,
    ...report.feedback.flatMap((f) => Object.values(f.cells).flat()),
    ...report.otherNotes,
  ].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    schema: OPEN_DATA_SCHEMA,
    reportVersion: report.version,
    generatedAt: iso(report.generatedAt) ?? new Date(0).toISOString(),
    pseudonymized: report.pseudonymized,
    workshop: {
      ...(source?.id ? { id: source.id } : {}),
      title: w.title,
      challenge: w.challenge,
      createdAt: iso(w.createdAt),
      currentStage: w.currentStage,
      focusHmw: w.focusHmw?.id ?? null,
    },
    participants: {
      contributors: report.participants.contributors,
      byRole: report.participants.byRole,
      source: report.participants.source,
      authors: report.authors.map((a) => ({
        id: `participant-${a.n}`,
        role: a.role,
        ...(a.name && !report.pseudonymized ? { name: a.name } : {}),
      })),
    },
    timeline: report.timeline.map((s) => ({
      stage: s.stage,
      notes: s.notes,
      firstAt: iso(s.firstAt),
      lastAt: iso(s.lastAt),
      enteredAt: iso(s.enteredAt),
      current: s.current,
      reached: s.reached,
    })),
    notes: notes.map(note),
    personas: report.personas.map((p) => ({
      id: p.id,
      name: p.name,
      emoji: p.emoji,
      quote: p.quote,
      image: p.imageId ? (source?.imageUrl?.(p.imageId) ?? null) : null,
      needs: p.needs.markdown,
      context: p.context.markdown,
      author: author(p.author),
      createdAt: iso(p.createdAt),
    })),
    povs: report.povs.map((p) => ({
      id: p.id,
      user: p.user,
      need: p.need,
      insight: p.insight,
      author: author(p.author),
      createdAt: iso(p.createdAt),
    })),
    votes: report.votes.map((v) => ({
      id: v.voteId,
      stage: v.stage,
      voters: v.voters,
      perPerson: v.perPerson,
      revealedAt: iso(v.revealedAt),
      ranking: v.ranking,
    })),
    clusters: report.clusters,
    prototypes: report.prototypes.map((p) => ({
      id: p.id,
      title: p.title,
      description: p.description.markdown,
      ideaIds: p.ideas.map((i) => i.id),
      storyboard: p.storyboard.map((step) => ({
        id: step.id,
        number: step.number,
        text: step.text,
        image: step.imageId ? (source?.imageUrl?.(step.imageId) ?? null) : null,
      })),
      testPlan: { ...p.testPlan },
      status: p.status,
      nextSteps: p.nextSteps.markdown,
      author: author(p.author),
      createdAt: iso(p.createdAt),
    })),
  };
}
