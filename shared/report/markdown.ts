import { EMPATHY_AREAS, FEEDBACK_AREAS } from "../methods";
import { authorLabel, formatDate, personaAlt, type ReportLocale, reportLabels, stepAlt } from "./labels";
import type { Report, ReportNote, ReportPrototype } from "./model";
import { blocksToMarkdown, escapeMarkdown } from "./richtext";

/** One line of literal text: escaped, line breaks folded, so a note can never become markup. */
const line = (text: string) => escapeMarkdown(text.replace(/\s*\n\s*/g, " ").trim());

export interface MarkdownOptions {
  /**
   * Where a reader's Markdown viewer can load a persona's or a storyboard step's picture from (an absolute
   * URL), or null.
   * A Markdown file cannot carry the bytes, and the server reads an image out without a token only while
   * its workshop is published: the server passes this only for published workshops, and every picture
   * without a URL is a "(picture)" note.
   */
  imageUrl?: (imageId: string) => string | null;
}

/** The report as Markdown (CommonMark; every piece of workshop text escaped). */
export function renderMarkdown(
  report: Report,
  locale: ReportLocale = "th",
  options: MarkdownOptions = {},
): string {
  const l = reportLabels(locale);
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines, "");
  const who = (n: number | null) => authorLabel(report, n, l);
  const item = (note: ReportNote, extra = "") =>
    `- ${line(note.text) || "…"} — *${escapeMarkdown(who(note.author))}*${extra}`;
  const list = (notes: readonly ReportNote[], extra?: (n: ReportNote) => string) =>
    notes.length ? notes.map((n) => item(n, extra?.(n) ?? "")).join("\n") : `*${l.none}*`;

  const pictureUrl = (imageId: string) => options.imageUrl?.(imageId)?.replace(/[<>\s]/g, "") || null;
  const storyboard = (p: ReportPrototype) =>
    p.storyboard
      .map((step) => {
        const marker = `${step.number}. `;
        const text = line(step.text);
        if (!step.imageId) return `${marker}${text || "…"}`;
        const url = pictureUrl(step.imageId);
        // On its own line, indented to the item's text, so it stays inside the list item.
        const picture = url ? `![${escapeMarkdown(stepAlt(step, l))}](<${url}>)` : l.picture;
        return text ? `${marker}${text}\n${" ".repeat(marker.length)}${picture}` : `${marker}${picture}`;
      })
      .join("\n");
  const testPlan = (p: ReportPrototype) => {
    const rows: [string, string][] = [
      [l.testWho, p.testPlan.who],
      [l.testWhat, p.testPlan.what],
      [l.testHow, p.testPlan.how],
    ];
    if (rows.every(([, value]) => !value.trim())) return `*${l.notPlanned}*`;
    return rows.map(([term, value]) => `- **${term}:** ${line(value) || "—"}`).join("\n");
  };

  const w = report.workshop;
  push(`# ${line(w.title) || l.report}`);
  push(
    `*${l.report} · ${l.created}: ${formatDate(w.createdAt, locale)} · ${l.generated}: ${formatDate(report.generatedAt, locale)}*`,
  );
  if (w.challenge) push(`**${l.challenge}:** ${line(w.challenge)}`);
  push(`**${l.focus}:** ${w.focusHmw ? line(w.focusHmw.text) : l.noFocus}`);

  push(`## ${l.participants}`);
  const roles = Object.entries(report.participants.byRole).map(
    ([role, n]) => `- ${l.roles[role as keyof typeof l.roles]}: ${n}`,
  );
  push(`- ${l.contributors}: ${report.participants.contributors}`, ...roles);
  if (report.pseudonymized) push(`*${l.pseudonymNote}*`);

  push(`## ${l.timeline}`);
  push(
    report.timeline
      .map((s) => {
        const status = s.current ? ` (**${l.current}**)` : s.reached ? "" : ` (${l.notReached})`;
        return `1. ${l.stages[s.stage]}${status} — ${l.notesCount(s.notes)}`;
      })
      .join("\n"),
  );

  push(`## ${l.empathize}`);
  push(`### ${l.personas}`);
  if (!report.personas.length) push(`*${l.none}*`);
  for (const p of report.personas) {
    const url = p.imageId ? pictureUrl(p.imageId) : null;
    // The picture takes the emoji's place only where a reader can see it.
    push(`#### ${line(url ? p.name : `${p.emoji} ${p.name}`) || "…"}`);
    if (url) push(`![${escapeMarkdown(personaAlt(p, l))}](<${url}>)`);
    else if (p.imageId) push(l.picture);
    if (p.quote) push(`> ${line(p.quote)}`);
    if (p.needs.blocks.length) push(`**${l.needs}**`, blocksToMarkdown(p.needs.blocks, 4));
    if (p.context.blocks.length) push(`**${l.context}**`, blocksToMarkdown(p.context.blocks, 4));
  }
  push(`### ${l.empathyMap}`);
  for (const area of EMPATHY_AREAS) push(`#### ${l.areas[area]}`, list(report.empathyMap[area]));

  push(`## ${l.define}`);
  push(`### ${l.povs}`);
  push(
    report.povs.length
      ? report.povs
          .map(
            (p) =>
              `- **${line(p.user)}** ${l.povNeed} **${line(p.need)}** ${l.povInsight} ${line(p.insight)}`,
          )
          .join("\n")
      : `*${l.none}*`,
  );
  push(`### ${l.hmw}`, list(report.hmw));

  push(`## ${l.ideate}`);
  push(
    `### ${l.topIdeas}`,
    list(report.topIdeas, (n) => ` (${l.votes(n.votes)})`),
  );
  if (report.clusters.length) {
    push(`### ${l.clusters}`);
    for (const c of report.clusters) push(`- **${line(c.name)}**: ${c.noteIds.length}`);
  }
  push(
    `### ${l.allIdeas}`,
    list(report.ideas, (n) => (n.votes ? ` (${l.votes(n.votes)})` : "")),
  );

  push(`## ${l.prototype}`);
  if (!report.prototypes.length) push(`*${l.none}*`);
  for (const p of report.prototypes) {
    push(`### ${line(p.title) || "…"}`);
    if (p.description.blocks.length) push(blocksToMarkdown(p.description.blocks, 3));
    if (p.ideas.length) push(`**${l.linkedIdeas}**`, p.ideas.map((i) => `- ${line(i.text)}`).join("\n"));
    if (p.storyboard.length) push(`**${l.storyboard}**`, storyboard(p));
  }

  push(`## ${l.test}`);
  if (!report.feedback.length) push(`*${l.none}*`);
  for (const f of report.feedback) {
    push(`### ${f.prototypeTitle === null ? l.deletedPrototype : line(f.prototypeTitle) || "…"}`);
    const prototype = report.prototypes.find((p) => p.id === f.prototypeId);
    if (prototype) push(`#### ${l.testPlan}`, testPlan(prototype));
    push(`#### ${l.feedback}`);
    for (const area of FEEDBACK_AREAS) push(`##### ${l.feedbackAreas[area]}`, list(f.cells[area]));
    if (prototype) {
      push(`**${l.result}:** ${l.statuses[prototype.status ?? "undecided"]}`);
      if (prototype.nextSteps.blocks.length)
        push(`#### ${l.nextSteps}`, blocksToMarkdown(prototype.nextSteps.blocks, 4));
    }
  }

  if (report.otherNotes.length)
    push(
      `## ${l.otherNotes}`,
      list(report.otherNotes, (n) => ` · ${l.stages[n.stage]}`),
    );
  return `${out.join("\n").trimEnd()}\n`;
}
