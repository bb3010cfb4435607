import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ParticipantId } from "../../shared/ids";
import { addPrototype, addStep, type RecordId, setPersonaImage } from "../../shared/methods";
import {
  buildReport,
  CSV_COLUMNS,
  csvRows,
  fragmentToBlocks,
  OPEN_DATA_SCHEMA,
  type Report,
  renderHtml,
  renderMarkdown,
  toOpenData,
} from "../../shared/report";
import { fixtureWorkshop, HIDDEN_TEXT, INJECTION, PEOPLE, STEP_IMAGE, STEPS, T0 } from "./report.fixture";

const build = (participants?: Parameters<typeof buildReport>[1]["participants"]) =>
  buildReport(fixtureWorkshop(), {
    pseudonymize: true,
    includeHidden: false,
    now: T0 + 3_600_000,
    ...(participants ? { participants } : {}),
  });

/** The fixture's persona with a picture (an id as the server gives them). */
const PERSONA_IMAGE = "PersonaPicture000001";
const withPersonaPicture = () => {
  const docs = fixtureWorkshop();
  setPersonaImage(docs.content, "p-daeng" as RecordId, PERSONA_IMAGE);
  return buildReport(docs, { pseudonymize: true, includeHidden: false, now: T0 + 3_600_000 });
};

/** Nothing personal or hidden anywhere in a rendered export. */
function expectClean(output: string) {
  for (const person of Object.values(PEOPLE)) {
    expect(output).not.toContain(person.name);
    expect(output).not.toContain(person.id);
  }
  expect(output).not.toContain("hidden-secret-42");
}

describe("buildReport", () => {
  const report = build();

  it("carries the challenge, the pinned focus question and a version", () => {
    expect(report.version).toBe(1);
    expect(report.workshop.title).toBe("ป้ายรถเมล์ปลอดภัย");
    expect(report.workshop.challenge).toContain("รอรถเมล์");
    expect(report.workshop.focusHmw?.text).toBe("เราจะทำให้ป้ายสว่างขึ้นได้อย่างไร");
    expect(report.workshop.currentStage).toBe("test");
  });

  it("gives authors stable pseudonyms in order of first contribution, never names or ids", () => {
    expect(report.pseudonymized).toBe(true);
    expect(report.authors.map((a) => a.n)).toEqual([1, 2, 3]);
    expect(report.empathyMap.says[0]?.author).toBe(1); // สมชาย wrote first
    expect(report.empathyMap.feels[0]?.author).toBe(2); // Malee second
    expect(report.personas[0]?.author).toBe(3); // the team lead
    expect(build()).toEqual(report); // deterministic
    expectClean(JSON.stringify(report));
  });

  it("leaves hidden notes out everywhere: boards, votes, prototype links, contributions", () => {
    const json = JSON.stringify(report);
    expect(json).not.toContain(HIDDEN_TEXT);
    expect(json).not.toContain("n-hidden");
    expect(report.empathyMap.pains).toEqual([]);
    expect(report.votes[0]?.ranking.map((r) => r.noteId)).toEqual(["n-lamp", "n-app"]);
    expect(report.prototypes[0]?.ideas).toEqual([{ id: "n-lamp", text: "ไฟโซลาร์เซลล์" }]);
  });

  it("has the empathy map by frame and the personas with rich text", () => {
    expect(report.empathyMap.says.map((n) => n.text)).toEqual(["รอนานมาก"]);
    expect(report.empathyMap.thinks.map((n) => n.text)).toEqual([INJECTION]);
    const persona = report.personas[0];
    expect(persona).toMatchObject({ name: "ป้าแดง", emoji: "👵", quote: "ไฟสว่างก็พอ" });
    expect(persona?.needs.markdown).toBe(
      [
        "#### ความต้องการหลัก",
        "",
        "ต้องการ **แสงสว่าง** และ *ที่นั่ง*",
        "",
        "- ม้านั่ง",
        "- ข้อมูลเวลารถ",
        "   - จอแสดงผล",
        "- [x] สำรวจป้าย",
        "- [ ] คุยกับ ขสมก\\.",
        "",
        "ดู [เว็บ](<https://www.bmta.co.th/>) และ คลิก",
      ].join("\n"),
    );
    expect(persona?.context.blocks).toEqual([]);
    expect(persona?.imageId).toBeNull();
    expect(withPersonaPicture().personas[0]).toMatchObject({ emoji: "👵", imageId: PERSONA_IMAGE });
  });

  it("has POVs, HMWs, top-voted ideas with counts, prototypes and the feedback grid", () => {
    expect(report.povs[0]).toMatchObject({ user: "ผู้สูงอายุ", need: "ที่รอรถที่ปลอดภัย" });
    expect(report.hmw.map((n) => n.id)).toEqual(["n-hmw"]);
    expect(report.topIdeas.map((n) => [n.text, n.votes])).toEqual([
      ["ไฟโซลาร์เซลล์", 3],
      ["แอปติดตามรถ", 1],
    ]);
    expect(report.ideas.find((n) => n.id === "n-lamp")?.answers).toBe("n-hmw");
    expect(report.clusters).toEqual([]);
    expect(report.prototypes[0]).toMatchObject({ title: "ป้ายไฟโซลาร์" });
    expect(report.prototypes[0]?.description.markdown).toBe("เสาไฟพร้อมแผงโซลาร์ **ต้นทุนต่ำ**");
    const grid = report.feedback[0];
    expect(grid?.prototypeTitle).toBe("ป้ายไฟโซลาร์");
    expect(grid?.cells.likes.map((n) => n.text)).toEqual(["ชอบที่สว่าง"]);
    expect(grid?.cells.wishes.map((n) => n.text)).toEqual(["อยากให้มีหลังคา"]);
    expect(grid?.cells.questions.map((n) => n.text)).toEqual(["ใครดูแล?"]);
    expect(grid?.cells.ideas).toEqual([]);
  });

  it("has each prototype's storyboard in its order, the test plan, the result and the next steps", () => {
    const prototype = report.prototypes[0];
    expect(prototype?.storyboard).toEqual([
      { id: "step-wait", number: 1, text: STEPS.first, imageId: null },
      { id: "step-lit", number: 2, text: STEPS.second, imageId: STEP_IMAGE },
    ]);
    expect(prototype?.testPlan).toEqual({
      who: "ผู้สูงอายุ 5 คนที่ป้ายหน้าตลาด",
      what: "มองเห็นป้ายชัดตอนกลางคืนหรือไม่",
      how: "ต้นแบบกระดาษกับไฟฉาย ช่วงหัวค่ำ",
    });
    expect(prototype?.status).toBe("iterate");
    expect(prototype?.nextSteps.markdown).toBe("ขยายไปอีก **3 ป้าย** ในเขตบางกะปิ");
    expect(report.contributions.filter((c) => c.kind === "storyboard-step")).toMatchObject([
      { id: "step-lit", stage: "prototype", text: STEPS.second, author: 1, status: null },
      { id: "step-wait", stage: "prototype", text: STEPS.first, author: 3, status: null },
    ]);
    expect(report.contributions.find((c) => c.kind === "prototype")?.status).toBe("iterate");
  });

  it("gives a storyboard step's author a pseudonym, and drops steps whose prototype is gone", () => {
    const docs = fixtureWorkshop();
    const newcomer = "pid-newcomer-000004" as ParticipantId;
    const other = addPrototype(docs.content, { authorId: PEOPLE.team.id, title: "ถอดออก", now: T0 + 7e6 });
    addStep(docs.content, { authorId: PEOPLE.team.id, prototypeId: other, text: "orphan step" });
    // A delete that raced a new step: the prototype is gone, its step is not.
    docs.content.getMap("prototypes").delete(other);
    addStep(docs.content, {
      authorId: newcomer,
      prototypeId: "proto-1" as RecordId,
      text: "ขั้นที่สาม",
      now: T0 + 8e6,
    });
    const built = buildReport(docs, { pseudonymize: true, includeHidden: false });
    expect(built.authors.map((a) => a.n)).toEqual([1, 2, 3, 4]);
    expect(built.prototypes[0]?.storyboard.map((s) => [s.number, s.text])).toEqual([
      [1, STEPS.first],
      [2, STEPS.second],
      [3, "ขั้นที่สาม"],
    ]);
    expect(JSON.stringify(built)).not.toContain("orphan step");
    expect(JSON.stringify(built)).not.toContain(newcomer);
  });

  it("counts participants by role from the server's list, or contributors without it", () => {
    expect(report.participants).toEqual({ contributors: 3, byRole: { unknown: 3 }, source: "contributors" });
    const withRoles = build([
      { id: PEOPLE.somchai.id, role: "citizen" },
      { id: PEOPLE.malee.id, role: "citizen" },
      { id: PEOPLE.team.id, role: "team" },
      { id: "pid-facilitator", role: "facilitator" },
    ]);
    expect(withRoles.participants.byRole).toEqual({ citizen: 2, team: 1, facilitator: 1 });
    expect(withRoles.authors.map((a) => a.role)).toEqual(["citizen", "citizen", "team"]);
  });

  it("has a timeline of the stages with the current one marked", () => {
    expect(report.timeline.map((s) => [s.stage, s.notes, s.current, s.reached])).toEqual([
      ["empathize", 3, false, true],
      ["define", 1, false, true],
      ["ideate", 3, false, true],
      ["prototype", 0, false, true],
      ["test", 3, true, true],
    ]);
  });

  it("shows display names only when pseudonymization is off (internal use)", () => {
    const named = buildReport(fixtureWorkshop(), { pseudonymize: false, includeHidden: false });
    expect(named.authors[0]?.name).toBe(PEOPLE.somchai.name);
    expect(renderMarkdown(named, "en")).toContain(PEOPLE.somchai.name);
  });
});

describe("rich text walker", () => {
  it("keeps only safe link targets", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("rt");
    const p = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    text.insert(0, "a", { link: { href: "data:text/html,<script>" } });
    text.insert(1, "b", { "link--x1": { href: "mailto:a@b.th" } });
    p.insert(0, [text]);
    fragment.insert(0, [p]);
    expect(fragmentToBlocks(fragment)).toEqual([
      { kind: "paragraph", inlines: [{ text: "a" }, { text: "b", href: "mailto:a@b.th" }] },
    ]);
  });
});

describe("renderers", () => {
  const report: Report = build();

  it("Markdown has every section, escapes workshop text and names nobody", () => {
    const md = renderMarkdown(report, "th");
    for (const heading of [
      "# ป้ายรถเมล์ปลอดภัย",
      "## เข้าใจ",
      "### เพอร์โซนา",
      "### แผนที่ความเข้าใจ",
      "## นิยามปัญหา",
    ])
      expect(md).toContain(heading);
    expect(md).toContain("ไฟโซลาร์เซลล์ — *ผู้เข้าร่วม 1* (3 โหวต)");
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\<script\\>");
    expectClean(md);
    expect(renderMarkdown(report, "en")).toContain("## Top-voted ideas".replace("##", "###"));
  });

  it("HTML escapes every field and only links safe hrefs", () => {
    const html = renderHtml(report, "en");
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain('<a href="https://www.bmta.co.th/" rel="noopener noreferrer nofollow">เว็บ</a>');
    expect(html).not.toContain("javascript:");
    expect(html).toContain("@page { size: A4;");
    expect(html).toContain("<ul><li>ม้านั่ง</li><li>ข้อมูลเวลารถ<ul><li>จอแสดงผล</li></ul></li></ul>");
    expectClean(html);
  });

  it("Markdown lists the storyboard in order, links a picture only when given a URL, and has the test results", () => {
    const url = (id: string) => `https://ruamkid.example.go.th/api/workshops/abcdefghjkmn/images/${id}`;
    const md = renderMarkdown(report, "th", { imageUrl: url });
    expect(md).toContain(
      [
        "**สตอรีบอร์ด**",
        `1. ${STEPS.first}`,
        `2. ${STEPS.second}`,
        `   ![ขั้นที่ 2: ${STEPS.second}](<${url(STEP_IMAGE)}>)`,
      ].join("\n"),
    );
    expect(md).toContain(
      [
        "#### แผนการทดสอบ",
        "- **ใครเป็นผู้ทดสอบ:** ผู้สูงอายุ 5 คนที่ป้ายหน้าตลาด",
        "- **ทดสอบอะไร:** มองเห็นป้ายชัดตอนกลางคืนหรือไม่",
        "- **ทดสอบอย่างไร:** ต้นแบบกระดาษกับไฟฉาย ช่วงหัวค่ำ",
      ].join("\n"),
    );
    expect(md).toContain("**ผลการทดสอบ:** ปรับปรุงต่อ");
    expect(md).toContain("#### ขั้นตอนต่อไปเพื่อขยายผล\nขยายไปอีก **3 ป้าย** ในเขตบางกะปิ");
    // Without a URL (a private workshop's image needs a token) the picture is only mentioned.
    const plain = renderMarkdown(report, "en");
    expect(plain).toContain(`2. ${STEPS.second}\n   (picture)`);
    expect(plain).not.toContain("![");
    expect(plain).toContain("**Result:** Iterate");
  });

  it("HTML shows the storyboard as a numbered list with each given picture inline, and the test results", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    const html = renderHtml(report, "en", { images: new Map([[STEP_IMAGE, png]]) });
    expect(html).toContain(
      `<ol class="storyboard">\n<li>${STEPS.first}</li>\n<li>ไฟ &quot;โซลาร์&quot; สว่างขึ้นเมื่อมีคนมา<img src="${png}" alt="Step 2: ไฟ &quot;โซลาร์&quot; สว่างขึ้นเมื่อมีคนมา"></li>\n</ol>`,
    );
    expect(html).toContain("max-height: 6cm");
    expect(html).toContain(
      '<dl class="plan"><dt>Who tests it</dt><dd>ผู้สูงอายุ 5 คนที่ป้ายหน้าตลาด</dd><dt>What we test</dt>',
    );
    expect(html).toContain("<p><strong>Result:</strong> Iterate</p>");
    expect(html).toContain(
      "<h4>Next steps to scale up</h4><p>ขยายไปอีก <strong>3 ป้าย</strong> ในเขตบางกะปิ</p>",
    );
    expectClean(html);
    // A lookup works as well as a map; without the picture, or with anything but a stored image type, none.
    expect(renderHtml(report, "th", { images: () => png })).toContain(`<img src="${png}" alt="ขั้นที่ 2: `);
    for (const images of [
      undefined,
      () => "data:image/svg+xml;base64,PHN2Zz4=",
      () => "https://evil.example/x.png",
    ]) {
      const without = renderHtml(report, "th", images ? { images } : {});
      expect(without).not.toContain("<img");
      expect(without).toContain(
        `${STEPS.second.replace(/"/g, "&quot;")} <span class="none">(ภาพประกอบ)</span>`,
      );
    }
  });

  it("HTML shows a persona's given picture in place of its emoji, and mentions one it was not given", () => {
    const pictured = withPersonaPicture();
    const png = "data:image/png;base64,iVBORw0KGgo=";
    const html = renderHtml(pictured, "en", { images: new Map([[PERSONA_IMAGE, png]]) });
    expect(html).toContain(
      `<article class="card"><div class="persona-head"><img src="${png}" alt="Picture of ป้าแดง"><h4>ป้าแดง</h4></div>`,
    );
    expect(html).not.toContain("👵 ป้าแดง");
    expect(html).toContain("<blockquote><p>ไฟสว่างก็พอ</p></blockquote>");
    expectClean(html);
    // Without its bytes (or with anything but a stored image type) the emoji stays and the picture is named.
    for (const images of [undefined, () => "data:image/svg+xml;base64,PHN2Zz4="]) {
      const without = renderHtml(pictured, "th", images ? { images } : {});
      expect(without).not.toContain("<img");
      expect(without).toContain('<h4>👵 ป้าแดง</h4>\n<p class="none">(ภาพประกอบ)</p>');
    }
    // A persona without a picture is as before: no note.
    expect(renderHtml(report, "en")).toContain("<h4>👵 ป้าแดง</h4>\n<blockquote>");
  });

  it("Markdown links a persona's picture only when given a URL, else names it under the emoji", () => {
    const pictured = withPersonaPicture();
    const url = `https://ruamkid.example.go.th/api/workshops/abcdefghjkmn/images/${PERSONA_IMAGE}`;
    const md = renderMarkdown(pictured, "en", { imageUrl: (id) => (id === PERSONA_IMAGE ? url : null) });
    expect(md).toContain(`#### ป้าแดง\n\n![Picture of ป้าแดง](<${url}>)\n\n> ไฟสว่างก็พอ`);
    expect(md).not.toContain("👵");
    const plain = renderMarkdown(pictured, "th");
    expect(plain).toContain("#### 👵 ป้าแดง\n\n(ภาพประกอบ)\n\n> ไฟสว่างก็พอ");
    expect(plain).not.toContain(PERSONA_IMAGE);
    expect(renderMarkdown(report, "th")).toContain("#### 👵 ป้าแดง\n\n> ไฟสว่างก็พอ");
  });

  it("HTML escapes a hostile title and challenge", () => {
    const docs = fixtureWorkshop();
    docs.control.getMap("meta").set("title", `"><script>alert(1)</script>`);
    const html = renderHtml(buildReport(docs, { pseudonymize: true, includeHidden: false }), "th");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("<title>&quot;&gt;&lt;script&gt;");
  });

  it("JSON open data validates against the documented schema", () => {
    const schema = JSON.parse(readFileSync("docs/open-data.schema.json", "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const data = JSON.parse(JSON.stringify(toOpenData(report, { id: "abcdefghjkmn" })));
    const ok = validate(data);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(data.schema).toBe(OPEN_DATA_SCHEMA);
    expect(data.notes).toHaveLength(10);
    expect(data.participants.authors).toEqual([
      { id: "participant-1", role: null },
      { id: "participant-2", role: null },
      { id: "participant-3", role: null },
    ]);
    expectClean(JSON.stringify(data));
    expect(data.prototypes[0]).toMatchObject({
      storyboard: [
        { id: "step-wait", number: 1, text: STEPS.first, image: null },
        { id: "step-lit", number: 2, text: STEPS.second, image: null },
      ],
      testPlan: { who: "ผู้สูงอายุ 5 คนที่ป้ายหน้าตลาด" },
      status: "iterate",
      nextSteps: "ขยายไปอีก **3 ป้าย** ในเขตบางกะปิ",
    });
    // A published workshop's pictures are links anyone can follow.
    const url = `https://ruamkid.example.go.th/api/workshops/abcdefghjkmn/images/${STEP_IMAGE}`;
    const published = JSON.parse(
      JSON.stringify(
        toOpenData(report, { id: "abcdefghjkmn", imageUrl: (id) => (id === STEP_IMAGE ? url : null) }),
      ),
    );
    expect(validate(published), JSON.stringify(validate.errors)).toBe(true);
    expect(published.prototypes[0].storyboard.map((s: { image: string | null }) => s.image)).toEqual([
      null,
      url,
    ]);
    expect(data.personas[0]).toMatchObject({ name: "ป้าแดง", emoji: "👵", image: null });
    // A persona's picture: a link once published, null otherwise; both valid.
    const pictured = withPersonaPicture();
    const personaUrl = `https://ruamkid.example.go.th/api/workshops/abcdefghjkmn/images/${PERSONA_IMAGE}`;
    const privately = JSON.parse(JSON.stringify(toOpenData(pictured, { id: "abcdefghjkmn" })));
    expect(validate(privately), JSON.stringify(validate.errors)).toBe(true);
    expect(privately.personas[0].image).toBeNull();
    const openly = JSON.parse(
      JSON.stringify(
        toOpenData(pictured, {
          id: "abcdefghjkmn",
          imageUrl: (id) => (id === PERSONA_IMAGE ? personaUrl : null),
        }),
      ),
    );
    expect(validate(openly), JSON.stringify(validate.errors)).toBe(true);
    expect(openly.personas[0]).toMatchObject({ name: "ป้าแดง", emoji: "👵", image: personaUrl });
    expect(validate({ ...openly, personas: [{ ...openly.personas[0], image: 7 }] })).toBe(false);
    // A wrong document fails: the schema really checks.
    expect(validate({ ...data, notes: [{ ...data.notes[0], author: "สมชาย" }] })).toBe(false);
    expect(validate({ ...data, prototypes: [{ ...data.prototypes[0], status: "maybe" }] })).toBe(false);
  });

  it("CSV rows parse back with a real parser: one row per contribution, Thai intact, formulas guarded", () => {
    const rows = csvRows(report, "th");
    const csv = `\uFEFF${stringify(rows, { header: true, columns: [...CSV_COLUMNS] })}`;
    const parsed = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(report.contributions.length);
    expect(parsed.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(Object.keys(parsed[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const lamp = parsed.find((r) => r.id === "n-lamp");
    expect(lamp).toEqual({
      id: "n-lamp",
      stage: "ideate",
      kind: "idea",
      text: "ไฟโซลาร์เซลล์",
      cluster: "",
      votes: "3",
      author: "ผู้เข้าร่วม 1",
      time: new Date(T0 + 20 * 60_000).toISOString(),
      status: "",
    });
    expect(parsed.find((r) => r.kind === "prototype")?.status).toBe("iterate");
    expect(
      parsed.filter((r) => r.kind === "storyboard-step").map((r) => [r.stage, r.text, r.author]),
    ).toEqual([
      ["prototype", STEPS.second, "ผู้เข้าร่วม 1"],
      ["prototype", STEPS.first, "ผู้เข้าร่วม 3"],
    ]);
    expect(parsed.find((r) => r.id === "n-formula")?.text).toBe(`'=HYPERLINK("http://evil")`);
    expect(parsed.find((r) => r.id === "n-inject")?.text).toBe(INJECTION);
    expect(parsed.map((r) => r.kind)).toEqual(
      expect.arrayContaining(["persona", "pov", "prototype", "feedback"]),
    );
    expectClean(csv);
  });
});
