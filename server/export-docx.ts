import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from "docx";
import { imageSize } from "image-size";
import { EMPATHY_AREAS, FEEDBACK_AREAS } from "../shared/methods";
import type { ImageType } from "../shared/protocol";
import {
  authorLabel,
  formatDate,
  type Inline,
  personaAlt,
  type Report,
  type ReportLabels,
  type ReportLocale,
  type ReportNote,
  type ReportPrototype,
  type ReportStoryboardStep,
  type RichBlock,
  reportLabels,
  safeHref,
  stepAlt,
} from "../shared/report";

/**
 * The report as a Word document (docx): real Heading 1–4 styles, so Word's navigation pane and table of
 * contents work; TH Sarabun New (the Thai government's standard font) for Thai and Latin text at 16 pt,
 * with the runs marked as Thai for Word's complex-script shaping and line breaking.
 */

export const DOCX_FONT = "TH Sarabun New";
const FONT = { ascii: DOCX_FONT, hAnsi: DOCX_FONT, cs: DOCX_FONT, eastAsia: DOCX_FONT };
// Half-points: Thai official documents are set at 16 pt in TH Sarabun New.
const BODY = 32;

/** A stored image to embed, as the image store hands it out. */
export interface EmbeddedImage {
  type: ImageType;
  data: Uint8Array;
}

// docx embeds PNG, JPEG, GIF and BMP only: a WebP picture stays a "(picture)" note.
const DOCX_IMAGE_TYPES: Partial<Record<ImageType, "png" | "jpg">> = {
  "image/png": "png",
  "image/jpeg": "jpg",
};
// docx sizes pictures in pixels at 96 per inch. A4 less the margins is 17 cm wide; at most 12 cm by 9 cm
// keeps a step's picture beside its words, and a tall phone photo from filling the page.
const CM = 96 / 2.54;
const MAX_PICTURE = { width: 12 * CM, height: 9 * CM };
// A persona's picture is a portrait beside the name, as on its card: a few centimetres are enough.
const MAX_PORTRAIT = { width: 4 * CM, height: 4 * CM };

/** A picture scaled down to fit and never up (a small image stays sharp), or null when it can't go in. */
function picture(
  image: EmbeddedImage | undefined,
  max: { width: number; height: number },
  altText: { name: string; description: string },
) {
  const type = image && DOCX_IMAGE_TYPES[image.type];
  if (!image || !type) return null;
  let size: { width: number; height: number };
  try {
    size = imageSize(image.data);
  } catch {
    return null;
  }
  if (!(size.width > 0 && size.height > 0)) return null;
  const scale = Math.min(1, max.width / size.width, max.height / size.height);
  return new ImageRun({
    type,
    data: image.data,
    transformation: {
      width: Math.max(1, Math.round(size.width * scale)),
      height: Math.max(1, Math.round(size.height * scale)),
    },
    altText: { name: altText.name, title: altText.description, description: altText.description },
  });
}

const stepPicture = (step: ReportStoryboardStep, image: EmbeddedImage | undefined, l: ReportLabels) =>
  picture(image, MAX_PICTURE, { name: l.step(step.number), description: stepAlt(step, l) });

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];

function runs(inlines: readonly Inline[]): ParagraphChild[] {
  return inlines.map((i) => {
    if (i.text === "\n") return new TextRun({ break: 1 });
    const run = new TextRun({
      text: i.text,
      bold: i.bold ?? false,
      boldComplexScript: i.bold ?? false,
      italics: i.italic ?? false,
      italicsComplexScript: i.italic ?? false,
      strike: i.strike ?? false,
      ...(i.href ? { style: "Hyperlink" } : {}),
    });
    const href = safeHref(i.href);
    return href ? new ExternalHyperlink({ link: href, children: [run] }) : run;
  });
}

const textRuns = (text: string): TextRun[] =>
  text.split("\n").map((part, index) => new TextRun({ text: part, ...(index > 0 ? { break: 1 } : {}) }));

function blocks(list: readonly RichBlock[], headingBase: number): Paragraph[] {
  return list.map((b) => {
    if (b.kind === "heading") {
      const level = Math.min(HEADINGS.length, headingBase + (b.level ?? 1) - 1);
      return new Paragraph({
        heading: HEADINGS[level - 1] ?? HeadingLevel.HEADING_4,
        children: runs(b.inlines),
      });
    }
    if (b.kind === "item") {
      const prefix =
        b.list === "task" ? (b.checked ? "☑ " : "☐ ") : b.list === "ordered" ? `${b.n ?? 1}. ` : "";
      const children = [new TextRun(prefix), ...runs(b.inlines)];
      return b.list === "bullet"
        ? new Paragraph({ bullet: { level: Math.min(8, b.depth ?? 0) }, children })
        : new Paragraph({ indent: { left: 360 * ((b.depth ?? 0) + 1) }, children });
    }
    if (b.kind === "quote") return new Paragraph({ style: "Quote", children: runs(b.inlines) });
    return new Paragraph({ children: runs(b.inlines) });
  });
}

/**
 * `images`: the stored images the report's personas and storyboards show, by id; a picture missing here
 * gets a "(picture)" note.
 */
export async function renderDocx(
  report: Report,
  locale: ReportLocale = "th",
  images: ReadonlyMap<string, EmbeddedImage> = new Map(),
): Promise<Buffer> {
  const l = reportLabels(locale);
  const who = (n: number | null) => authorLabel(report, n, l);
  const out: Paragraph[] = [];
  const heading = (level: 1 | 2 | 3 | 4, text: string) =>
    out.push(new Paragraph({ heading: HEADINGS[level - 1], children: textRuns(text) }));
  const para = (...children: ParagraphChild[]) => out.push(new Paragraph({ children }));
  const none = () => para(new TextRun({ text: l.none, italics: true }));
  const notes = (list: readonly ReportNote[], extra?: (n: ReportNote) => string) => {
    if (!list.length) return none();
    for (const n of list)
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [
            ...textRuns(n.text || "…"),
            new TextRun({ text: ` — ${who(n.author)}${extra?.(n) ?? ""}`, color: "555555" }),
          ],
        }),
      );
  };
  const votes = (n: ReportNote) => (n.votes ? ` (${l.votes(n.votes)})` : "");
  const bold = (text: string) => new TextRun({ text, bold: true, boldComplexScript: true });
  const storyboard = (p: ReportPrototype) => {
    for (const step of p.storyboard) {
      const image = step.imageId ? stepPicture(step, images.get(step.imageId), l) : null;
      const children: ParagraphChild[] = [new TextRun(`${step.number}. `), ...textRuns(step.text)];
      if (image) children.push(new TextRun({ break: 1 }), image);
      else if (step.imageId)
        children.push(new TextRun({ text: ` ${l.picture}`, italics: true, color: "555555" }));
      else if (!step.text) children.push(new TextRun("…"));
      // One paragraph per step, kept on one page: the words stay with their picture.
      out.push(new Paragraph({ indent: { left: 360, hanging: 360 }, keepLines: true, children }));
    }
  };
  const testPlan = (p: ReportPrototype) => {
    const rows: [string, string][] = [
      [l.testWho, p.testPlan.who],
      [l.testWhat, p.testPlan.what],
      [l.testHow, p.testPlan.how],
    ];
    if (rows.every(([, value]) => !value.trim()))
      return para(new TextRun({ text: l.notPlanned, italics: true }));
    for (const [term, value] of rows) para(bold(`${term}: `), ...textRuns(value || "—"));
  };

  const w = report.workshop;
  out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(w.title || l.report) }));
  para(
    new TextRun({
      text: `${l.report} · ${l.created}: ${formatDate(w.createdAt, locale)} · ${l.generated}: ${formatDate(report.generatedAt, locale)}`,
      color: "555555",
    }),
  );
  if (w.challenge)
    para(
      new TextRun({ text: `${l.challenge}: `, bold: true, boldComplexScript: true }),
      ...textRuns(w.challenge),
    );
  para(
    new TextRun({ text: `${l.focus}: `, bold: true, boldComplexScript: true }),
    ...textRuns(w.focusHmw ? w.focusHmw.text : l.noFocus),
  );

  heading(1, l.participants);
  para(new TextRun(`${l.contributors}: ${report.participants.contributors}`));
  for (const [role, n] of Object.entries(report.participants.byRole))
    out.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [new TextRun(`${l.roles[role as keyof typeof l.roles]}: ${n}`)],
      }),
    );
  if (report.pseudonymized) para(new TextRun({ text: l.pseudonymNote, italics: true }));

  heading(1, l.timeline);
  report.timeline.forEach((s, index) => {
    const status = s.current ? ` (${l.current})` : s.reached ? "" : ` (${l.notReached})`;
    para(new TextRun(`${index + 1}. ${l.stages[s.stage]}${status} — ${l.notesCount(s.notes)}`));
  });

  heading(1, l.empathize);
  heading(2, l.personas);
  if (!report.personas.length) none();
  for (const p of report.personas) {
    const alt = personaAlt(p, l);
    const image = p.imageId
      ? picture(images.get(p.imageId), MAX_PORTRAIT, { name: alt, description: alt })
      : null;
    // The picture takes the emoji's place only when it goes in; otherwise it is mentioned.
    heading(3, (image ? p.name : `${p.emoji} ${p.name}`).trim() || "…");
    if (image) out.push(new Paragraph({ keepNext: true, children: [image] }));
    else if (p.imageId) para(new TextRun({ text: l.picture, italics: true, color: "555555" }));
    if (p.quote) out.push(new Paragraph({ style: "Quote", children: textRuns(p.quote) }));
    if (p.needs.blocks.length) {
      heading(4, l.needs);
      out.push(...blocks(p.needs.blocks, 4));
    }
    if (p.context.blocks.length) {
      heading(4, l.context);
      out.push(...blocks(p.context.blocks, 4));
    }
  }
  heading(2, l.empathyMap);
  for (const area of EMPATHY_AREAS) {
    heading(3, l.areas[area]);
    notes(report.empathyMap[area]);
  }

  heading(1, l.define);
  heading(2, l.povs);
  if (!report.povs.length) none();
  for (const p of report.povs)
    out.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun({ text: p.user, bold: true, boldComplexScript: true }),
          new TextRun(` ${l.povNeed} `),
          new TextRun({ text: p.need, bold: true, boldComplexScript: true }),
          new TextRun(` ${l.povInsight} ${p.insight}`),
        ],
      }),
    );
  heading(2, l.hmw);
  notes(report.hmw);

  heading(1, l.ideate);
  heading(2, l.topIdeas);
  notes(report.topIdeas, votes);
  if (report.clusters.length) {
    heading(2, l.clusters);
    for (const c of report.clusters)
      out.push(
        new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${c.name}: ${c.noteIds.length}`)] }),
      );
  }
  heading(2, l.allIdeas);
  notes(report.ideas, votes);

  heading(1, l.prototype);
  if (!report.prototypes.length) none();
  for (const p of report.prototypes) {
    heading(2, p.title || "…");
    out.push(...blocks(p.description.blocks, 3));
    if (p.ideas.length) {
      heading(3, l.linkedIdeas);
      for (const i of p.ideas) out.push(new Paragraph({ bullet: { level: 0 }, children: textRuns(i.text) }));
    }
    if (p.storyboard.length) {
      heading(3, l.storyboard);
      storyboard(p);
    }
  }

  heading(1, l.test);
  if (!report.feedback.length) none();
  for (const f of report.feedback) {
    heading(2, f.prototypeTitle === null ? l.deletedPrototype : f.prototypeTitle || "…");
    const prototype = report.prototypes.find((p) => p.id === f.prototypeId);
    if (prototype) {
      heading(3, l.testPlan);
      testPlan(prototype);
    }
    heading(3, l.feedback);
    for (const area of FEEDBACK_AREAS) {
      heading(4, l.feedbackAreas[area]);
      notes(f.cells[area]);
    }
    if (prototype) {
      para(bold(`${l.result}: `), new TextRun(l.statuses[prototype.status ?? "undecided"]));
      if (prototype.nextSteps.blocks.length) {
        heading(3, l.nextSteps);
        out.push(...blocks(prototype.nextSteps.blocks, 4));
      }
    }
  }

  if (report.otherNotes.length) {
    heading(1, l.otherNotes);
    notes(report.otherNotes, (n) => ` · ${l.stages[n.stage]}`);
  }

  const run = { font: FONT, size: BODY, sizeComplexScript: BODY };
  const headingRun = (size: number) => ({
    font: FONT,
    size,
    sizeComplexScript: size,
    bold: true,
    boldComplexScript: true,
    color: "0B3D6E",
  });
  const doc = new Document({
    creator: "Ruamkid",
    title: w.title || l.report,
    description: l.report,
    styles: {
      default: {
        document: {
          run: { ...run, language: { value: locale === "th" ? "th-TH" : "en-GB", bidirectional: "th-TH" } },
        },
        title: { run: headingRun(48) },
        heading1: { run: headingRun(40), paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { run: headingRun(36), paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: headingRun(34), paragraph: { spacing: { before: 200, after: 80 } } },
        heading4: { run: headingRun(32), paragraph: { spacing: { before: 160, after: 60 } } },
      },
      paragraphStyles: [
        {
          id: "Quote",
          name: "Quote",
          basedOn: "Normal",
          run: { italics: true, italicsComplexScript: true, color: "444444" },
          paragraph: { indent: { left: 720 }, alignment: AlignmentType.LEFT },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            // A4 in twentieths of a point, 2 cm margins.
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: out,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
