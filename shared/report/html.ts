import { EMPATHY_AREAS, FEEDBACK_AREAS } from "../methods";
import { authorLabel, formatDate, personaAlt, type ReportLocale, reportLabels, stepAlt } from "./labels";
import type { Report, ReportNote, ReportPrototype } from "./model";
import { type Inline, type RichBlock, safeHref } from "./richtext";

/** Escapes text for HTML element content and double-quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"'`]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" })[c] ?? c,
  );

const e = escapeHtml;
/** Multi-line text: escaped, line breaks kept. */
const text = (value: string) => e(value).replace(/\n/g, "<br>");

function inline(i: Inline): string {
  if (i.text === "\n") return "<br>";
  let html = e(i.text);
  if (i.code) html = `<code>${html}</code>`;
  if (i.strike) html = `<s>${html}</s>`;
  if (i.italic) html = `<em>${html}</em>`;
  if (i.bold) html = `<strong>${html}</strong>`;
  const href = safeHref(i.href);
  if (href) html = `<a href="${e(href)}" rel="noopener noreferrer nofollow">${html}</a>`;
  return html;
}
const inlines = (list: readonly Inline[]) => list.map(inline).join("");

/** Rich-text blocks as HTML; list items become properly nested lists. */
export function blocksToHtml(blocks: readonly RichBlock[], headingBase: number): string {
  let html = "";
  const stack: { list: string; li: boolean }[] = [];
  const tag = (list: string) => (list === "ordered" ? "ol" : "ul");
  const closeTo = (depth: number) => {
    while (stack.length > depth) {
      const top = stack.pop();
      if (!top) break;
      html += `${top.li ? "</li>" : ""}</${tag(top.list)}>`;
    }
  };
  for (const block of blocks) {
    if (block.kind !== "item") {
      closeTo(0);
      if (block.kind === "heading") {
        const level = Math.min(6, headingBase + (block.level ?? 1) - 1);
        html += `<h${level}>${inlines(block.inlines)}</h${level}>`;
      } else if (block.kind === "quote") html += `<blockquote><p>${inlines(block.inlines)}</p></blockquote>`;
      else if (block.kind === "code")
        html += `<pre><code>${e(block.inlines.map((i) => i.text).join(""))}</code></pre>`;
      else html += `<p>${inlines(block.inlines)}</p>`;
      continue;
    }
    const depth = block.depth ?? 0;
    const list = block.list ?? "bullet";
    closeTo(depth + 1);
    if (stack.length === depth + 1 && stack[depth]?.list !== list) closeTo(depth);
    while (stack.length < depth + 1) {
      html += `<${tag(list)}${list === "task" ? ' class="tasks"' : ""}>`;
      stack.push({ list, li: false });
    }
    const top = stack[stack.length - 1];
    if (!top) continue;
    if (top.li) html += "</li>";
    const box = list === "task" ? `<span class="check">${block.checked ? "☑" : "☐"}</span> ` : "";
    html += `<li>${box}${inlines(block.inlines)}`;
    top.li = true;
  }
  closeTo(0);
  return html;
}

export interface HtmlOptions {
  /** `@font-face` rules (e.g. Sarabun as data URLs, added by the server); without them system fonts are used. */
  fontCss?: string;
  /**
   * Pictures of personas and storyboard steps as data URIs (`data:image/png;base64,…`) by image id. The
   * page fetches nothing (its CSP allows only `data:` images), so a picture not given here shows as a
   * "(picture)" note instead (a persona keeps its emoji then).
   */
  images?: ReadonlyMap<string, string> | ((imageId: string) => string | null | undefined);
}

// Only the types the server stores: anything else (an SVG with script, a URL) never reaches an src.
const IMAGE_DATA_URI = /^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/]*={0,2}$/;

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Sarabun", "TH Sarabun New", "Noto Sans Thai", "Leelawadee UI", Tahoma, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  font-size: 12pt; line-height: 1.6; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.45rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #0b5394; color: #0b3d6e; }
h3 { font-size: 1.2rem; margin: 1.4rem 0 .4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .3rem; }
.meta { color: #4a4a4a; margin: 0 0 1rem; }
.by { color: #4a4a4a; font-size: .9em; }
.votes { font-weight: 700; color: #7a3e00; }
.none { color: #4a4a4a; font-style: italic; }
blockquote { margin: .5rem 0; padding: .25rem 1rem; border-left: 4px solid #c9c9c9; color: #333; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem 1.5rem; }
.card { break-inside: avoid; page-break-inside: avoid; }
ul.tasks { list-style: none; padding-left: 1.2rem; }
ol.storyboard > li { margin: 0 0 .6rem; break-inside: avoid; page-break-inside: avoid; }
.persona-head { display: flex; align-items: center; gap: .75rem; margin: 1rem 0 .3rem; }
.persona-head h4 { margin: 0; }
.persona-head img { flex: none; width: 2.2cm; height: 2.2cm; object-fit: cover; border-radius: 50%;
  border: 1px solid #c9c9c9; }
ol.storyboard img { display: block; max-width: 100%; max-height: 6cm; width: auto; height: auto;
  margin: .25rem 0; border: 1px solid #c9c9c9; }
dl.plan { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem 1rem; margin: .25rem 0; }
dl.plan dt { font-weight: 700; }
dl.plan dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c9c9c9; padding: .25rem .5rem; text-align: left; vertical-align: top; }
a { color: #0b5394; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; }
}`;

/** The report as one standalone HTML page: escaped everywhere, no scripts, A4 print styles. */
export function renderHtml(report: Report, locale: ReportLocale = "th", options: HtmlOptions = {}): string {
  const l = reportLabels(locale);
  const who = (n: number | null) => e(authorLabel(report, n, l));
  const note = (n: ReportNote, extra = "") =>
    `<li>${text(n.text) || "…"} <span class="by">— ${who(n.author)}</span>${extra}</li>`;
  const list = (notes: readonly ReportNote[], extra?: (n: ReportNote) => string) =>
    notes.length
      ? `<ul>${notes.map((n) => note(n, extra?.(n) ?? "")).join("")}</ul>`
      : `<p class="none">${e(l.none)}</p>`;
  const votes = (n: ReportNote) => (n.votes ? ` <span class="votes">(${e(l.votes(n.votes))})</span>` : "");
  const images = options.images;
  const imageOf = (id: string) => {
    const uri = typeof images === "function" ? images(id) : images?.get(id);
    return uri && IMAGE_DATA_URI.test(uri) ? uri : null;
  };
  const testPlan = (p: ReportPrototype) => {
    const rows: [string, string][] = [
      [l.testWho, p.testPlan.who],
      [l.testWhat, p.testPlan.what],
      [l.testHow, p.testPlan.how],
    ];
    if (rows.every(([, value]) => !value.trim())) return `<p class="none">${e(l.notPlanned)}</p>`;
    return `<dl class="plan">${rows.map(([term, value]) => `<dt>${e(term)}</dt><dd>${text(value) || "—"}</dd>`).join("")}</dl>`;
  };
  const w = report.workshop;
  const title = w.title || l.report;
  const parts: string[] = [];
  const add = (html: string) => parts.push(html);

  add(`<header><h1>${e(title)}</h1>`);
  add(
    `<p class="meta">${e(l.report)} · ${e(l.created)}: ${e(formatDate(w.createdAt, locale))} · ${e(l.generated)}: ${e(formatDate(report.generatedAt, locale))}</p>`,
  );
  if (w.challenge) add(`<p><strong>${e(l.challenge)}:</strong> ${text(w.challenge)}</p>`);
  add(`<p><strong>${e(l.focus)}:</strong> ${w.focusHmw ? text(w.focusHmw.text) : e(l.noFocus)}</p></header>`);
  add("<main>");

  add(`<section aria-labelledby="s-participants"><h2 id="s-participants">${e(l.participants)}</h2><ul>`);
  add(`<li>${e(l.contributors)}: ${report.participants.contributors}</li>`);
  for (const [role, n] of Object.entries(report.participants.byRole))
    add(`<li>${e(l.roles[role as keyof typeof l.roles])}: ${n}</li>`);
  add("</ul>");
  if (report.pseudonymized) add(`<p class="meta">${e(l.pseudonymNote)}</p>`);
  add("</section>");

  add(`<section aria-labelledby="s-timeline"><h2 id="s-timeline">${e(l.timeline)}</h2><ol>`);
  for (const s of report.timeline) {
    const status = s.current
      ? ` (<strong>${e(l.current)}</strong>)`
      : s.reached
        ? ""
        : ` (${e(l.notReached)})`;
    add(`<li>${e(l.stages[s.stage])}${status} — ${e(l.notesCount(s.notes))}</li>`);
  }
  add("</ol></section>");

  add(`<section aria-labelledby="s-empathize"><h2 id="s-empathize">${e(l.empathize)}</h2>`);
  add(`<h3>${e(l.personas)}</h3>`);
  if (!report.personas.length) add(`<p class="none">${e(l.none)}</p>`);
  for (const p of report.personas) {
    const src = p.imageId ? imageOf(p.imageId) : null;
    if (src)
      add(
        `<article class="card"><div class="persona-head"><img src="${e(src)}" alt="${e(personaAlt(p, l))}"><h4>${e(p.name.trim()) || "…"}</h4></div>`,
      );
    else {
      // Without its bytes the picture is only mentioned, and the emoji stands in for it as in the app.
      add(`<article class="card"><h4>${e(`${p.emoji} ${p.name}`.trim()) || "…"}</h4>`);
      if (p.imageId) add(`<p class="none">${e(l.picture)}</p>`);
    }
    if (p.quote) add(`<blockquote><p>${text(p.quote)}</p></blockquote>`);
    if (p.needs.blocks.length) add(`<h5>${e(l.needs)}</h5>${blocksToHtml(p.needs.blocks, 6)}`);
    if (p.context.blocks.length) add(`<h5>${e(l.context)}</h5>${blocksToHtml(p.context.blocks, 6)}`);
    add("</article>");
  }
  add(`<h3>${e(l.empathyMap)}</h3><div class="grid">`);
  for (const area of EMPATHY_AREAS)
    add(`<div class="card"><h4>${e(l.areas[area])}</h4>${list(report.empathyMap[area])}</div>`);
  add("</div></section>");

  add(`<section aria-labelledby="s-define"><h2 id="s-define">${e(l.define)}</h2><h3>${e(l.povs)}</h3>`);
  add(
    report.povs.length
      ? `<ul>${report.povs
          .map(
            (p) =>
              `<li><strong>${text(p.user)}</strong> ${e(l.povNeed)} <strong>${text(p.need)}</strong> ${e(l.povInsight)} ${text(p.insight)}</li>`,
          )
          .join("")}</ul>`
      : `<p class="none">${e(l.none)}</p>`,
  );
  add(`<h3>${e(l.hmw)}</h3>${list(report.hmw)}</section>`);

  add(`<section aria-labelledby="s-ideate"><h2 id="s-ideate">${e(l.ideate)}</h2>`);
  add(`<h3>${e(l.topIdeas)}</h3>`);
  add(
    report.topIdeas.length
      ? `<ol>${report.topIdeas.map((n) => note(n, votes(n))).join("")}</ol>`
      : `<p class="none">${e(l.none)}</p>`,
  );
  if (report.clusters.length) {
    add(`<h3>${e(l.clusters)}</h3><ul>`);
    for (const c of report.clusters) add(`<li><strong>${e(c.name)}</strong>: ${c.noteIds.length}</li>`);
    add("</ul>");
  }
  add(`<h3>${e(l.allIdeas)}</h3>${list(report.ideas, votes)}</section>`);

  add(`<section aria-labelledby="s-prototype"><h2 id="s-prototype">${e(l.prototype)}</h2>`);
  if (!report.prototypes.length) add(`<p class="none">${e(l.none)}</p>`);
  for (const p of report.prototypes) {
    add(`<article class="card"><h3>${e(p.title) || "…"}</h3>${blocksToHtml(p.description.blocks, 4)}`);
    if (p.ideas.length)
      add(`<h4>${e(l.linkedIdeas)}</h4><ul>${p.ideas.map((i) => `<li>${text(i.text)}</li>`).join("")}</ul>`);
    if (p.storyboard.length) {
      add(`<h4>${e(l.storyboard)}</h4><ol class="storyboard">`);
      for (const step of p.storyboard) {
        const src = step.imageId ? imageOf(step.imageId) : null;
        const picture = !step.imageId
          ? ""
          : src
            ? `<img src="${e(src)}" alt="${e(stepAlt(step, l))}">`
            : ` <span class="none">${e(l.picture)}</span>`;
        add(`<li>${text(step.text) || (step.imageId ? "" : "…")}${picture}</li>`);
      }
      add("</ol>");
    }
    add("</article>");
  }
  add("</section>");

  add(`<section aria-labelledby="s-test"><h2 id="s-test">${e(l.test)}</h2>`);
  if (!report.feedback.length) add(`<p class="none">${e(l.none)}</p>`);
  for (const f of report.feedback) {
    const name = f.prototypeTitle === null ? l.deletedPrototype : f.prototypeTitle || "…";
    const prototype = report.prototypes.find((p) => p.id === f.prototypeId);
    add(`<h3>${e(name)}</h3>`);
    if (prototype) add(`<h4>${e(l.testPlan)}</h4>${testPlan(prototype)}`);
    add(`<h4>${e(l.feedback)}</h4><div class="grid">`);
    for (const area of FEEDBACK_AREAS)
      add(`<div class="card"><h5>${e(l.feedbackAreas[area])}</h5>${list(f.cells[area])}</div>`);
    add("</div>");
    if (prototype) {
      add(`<p><strong>${e(l.result)}:</strong> ${e(l.statuses[prototype.status ?? "undecided"])}</p>`);
      if (prototype.nextSteps.blocks.length)
        add(`<h4>${e(l.nextSteps)}</h4>${blocksToHtml(prototype.nextSteps.blocks, 5)}`);
    }
  }
  add("</section>");

  if (report.otherNotes.length)
    add(
      `<section aria-labelledby="s-other"><h2 id="s-other">${e(l.otherNotes)}</h2>${list(report.otherNotes, (n) => ` <span class="by">· ${e(l.stages[n.stage])}</span>`)}</section>`,
    );
  add("</main>");

  const csp = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ruamkid">
<title>${e(title)} — ${e(l.report)}</title>
<style>${options.fontCss ?? ""}${STYLE}</style>
</head>
<body>
${parts.join("\n")}
<footer><p class="meta">Ruamkid · <span lang="th">ร่วมคิด</span></p></footer>
</body>
</html>
`;
}
