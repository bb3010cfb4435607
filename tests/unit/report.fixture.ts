import * as Y from "yjs";
import { hideNote, revealVote } from "../../shared/facilitation";
import type { NoteId, ParticipantId } from "../../shared/ids";
import {
  addPersona,
  addPov,
  addPrototype,
  addStep,
  editTestPlan,
  empathyFrame,
  feedbackFrame,
  HMW_FRAME,
  linkIdea,
  moveStep,
  type RecordId,
  richText,
  setPrototypeStatus,
} from "../../shared/methods";
import { addNote, createWorkshopDocs, initWorkshop, moveToStage, pinFocusQuestion } from "../../shared/model";

/** People of the fixture workshop: their names and ids must never show up in an export. */
export const PEOPLE = {
  somchai: { id: "pid-somchai-000001" as ParticipantId, name: "สมชาย ใจดี" },
  malee: { id: "pid-malee-0000002" as ParticipantId, name: "Malee Secretname" },
  team: { id: "pid-teamlead-00003" as ParticipantId, name: "Khun Teamlead" },
} as const;

export const HIDDEN_TEXT = "ข้อความที่ถูกซ่อน hidden-secret-42";
export const INJECTION = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
export const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
/** The storyboard's one picture (an id as the server gives them); its bytes are the renderers' business. */
export const STEP_IMAGE = "StepPicture0000000001";
export const STEPS = { first: "ป้าแดงรอรถตอนสองทุ่ม", second: 'ไฟ "โซลาร์" สว่างขึ้นเมื่อมีคนมา' } as const;

const el = (name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) => {
  const node = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.insert(0, children);
  return node;
};
const txt = (parts: [string, Record<string, unknown>?][]) => {
  const node = new Y.XmlText();
  let at = 0;
  for (const [text, attrs] of parts) {
    node.insert(at, text, attrs ?? {});
    at += text.length;
  }
  return node;
};

/** A workshop with something in every section of the report. */
export function fixtureWorkshop() {
  const docs = createWorkshopDocs();
  const { content, control } = docs;
  initWorkshop(control, { title: "ป้ายรถเมล์ปลอดภัย", challenge: "ทำอย่างไรให้การรอรถเมล์ปลอดภัยขึ้น", now: T0 });
  const at = (minutes: number) => T0 + minutes * 60_000;
  const { somchai, malee, team } = PEOPLE;

  const says = addNote(content, {
    stage: "empathize",
    text: "รอนานมาก",
    frame: empathyFrame("says"),
    author: somchai,
    now: at(1),
    id: "n-says" as NoteId,
  });
  addNote(content, {
    stage: "empathize",
    text: "กลัวตอนกลางคืน",
    frame: empathyFrame("feels"),
    author: malee,
    now: at(2),
    id: "n-feels" as NoteId,
  });
  const hidden = addNote(content, {
    stage: "empathize",
    text: HIDDEN_TEXT,
    frame: empathyFrame("pains"),
    author: malee,
    now: at(3),
    id: "n-hidden" as NoteId,
  });
  addNote(content, {
    stage: "empathize",
    text: INJECTION,
    frame: empathyFrame("thinks"),
    author: somchai,
    now: at(4),
    id: "n-inject" as NoteId,
  });

  const personaId = addPersona(content, {
    authorId: team.id,
    name: "ป้าแดง",
    emoji: "👵",
    quote: "ไฟสว่างก็พอ",
    now: at(5),
    id: "p-daeng" as RecordId,
  });
  const needs = richText(content, personaId, "needs");
  needs.insert(0, [
    el("heading", [txt([["ความต้องการหลัก"]])], { level: "2" }),
    el("paragraph", [txt([["ต้องการ "], ["แสงสว่าง", { bold: {} }], [" และ "], ["ที่นั่ง", { italic: {} }]])]),
    el("bulletList", [
      el("listItem", [el("paragraph", [txt([["ม้านั่ง"]])])]),
      el("listItem", [
        el("paragraph", [txt([["ข้อมูลเวลารถ"]])]),
        el("bulletList", [el("listItem", [el("paragraph", [txt([["จอแสดงผล"]])])])]),
      ]),
    ]),
    el("taskList", [
      el("taskItem", [el("paragraph", [txt([["สำรวจป้าย"]])])], { checked: "true" }),
      el("taskItem", [el("paragraph", [txt([["คุยกับ ขสมก."]])])], { checked: "false" }),
    ]),
    el("paragraph", [
      txt([
        ["ดู "],
        ["เว็บ", { link: { href: "https://www.bmta.co.th/" } }],
        [" และ "],
        ["คลิก", { link: { href: "javascript:alert(1)" } }],
      ]),
    ]),
  ]);

  addPov(content, {
    authorId: team.id,
    user: "ผู้สูงอายุ",
    need: "ที่รอรถที่ปลอดภัย",
    insight: "กลัวการเดินทางกลางคืน",
    now: at(10),
    id: "v-1" as RecordId,
  });
  moveToStage(control, "define");
  const hmw = addNote(content, {
    stage: "define",
    text: "เราจะทำให้ป้ายสว่างขึ้นได้อย่างไร",
    frame: HMW_FRAME,
    author: malee,
    now: at(11),
    id: "n-hmw" as NoteId,
  });
  pinFocusQuestion(control, hmw);

  moveToStage(control, "ideate");
  const lamp = addNote(content, {
    stage: "ideate",
    text: "ไฟโซลาร์เซลล์",
    author: somchai,
    answers: hmw,
    now: at(20),
    id: "n-lamp" as NoteId,
  });
  const app = addNote(content, {
    stage: "ideate",
    text: "แอปติดตามรถ",
    author: malee,
    now: at(21),
    id: "n-app" as NoteId,
  });
  addNote(content, {
    stage: "ideate",
    text: '=HYPERLINK("http://evil")',
    author: team,
    now: at(22),
    id: "n-formula" as NoteId,
  });
  const hiddenIdea = addNote(content, {
    stage: "ideate",
    text: `${HIDDEN_TEXT} idea`,
    author: somchai,
    now: at(23),
    id: "n-hidden-idea" as NoteId,
  });
  revealVote(control, {
    voteId: "vote-1",
    stage: "ideate",
    perPerson: 3,
    allowMultiple: false,
    voters: 3,
    revealedAt: at(30),
    ranking: [
      { target: hiddenIdea, count: 5 },
      { target: lamp, count: 3 },
      { target: app, count: 1 },
    ],
  });

  moveToStage(control, "prototype");
  const proto = addPrototype(content, {
    authorId: team.id,
    title: "ป้ายไฟโซลาร์",
    now: at(40),
    id: "proto-1" as RecordId,
  });
  linkIdea(content, proto, lamp);
  linkIdea(content, proto, hiddenIdea);
  richText(content, proto, "description").insert(0, [
    el("paragraph", [txt([["เสาไฟพร้อมแผงโซลาร์ "], ["ต้นทุนต่ำ", { bold: {} }]])]),
  ]);
  // Written second-step first, then reordered: the report follows the storyboard's order.
  const lit = addStep(content, {
    authorId: somchai.id,
    prototypeId: proto,
    text: STEPS.second,
    imageId: STEP_IMAGE,
    now: at(41),
    id: "step-lit" as RecordId,
  });
  const waiting = addStep(content, {
    authorId: team.id,
    prototypeId: proto,
    text: STEPS.first,
    now: at(42),
    id: "step-wait" as RecordId,
  });
  if (!lit || !waiting) throw new Error("fixture: steps not added");
  moveStep(content, waiting, -1);

  moveToStage(control, "test");
  editTestPlan(content, proto, {
    testWho: "ผู้สูงอายุ 5 คนที่ป้ายหน้าตลาด",
    testWhat: "มองเห็นป้ายชัดตอนกลางคืนหรือไม่",
    testHow: "ต้นแบบกระดาษกับไฟฉาย ช่วงหัวค่ำ",
  });
  setPrototypeStatus(content, proto, "iterate");
  richText(content, proto, "nextSteps").insert(0, [
    el("paragraph", [txt([["ขยายไปอีก "], ["3 ป้าย", { bold: {} }], [" ในเขตบางกะปิ"]])]),
  ]);
  addNote(content, {
    stage: "test",
    text: "ชอบที่สว่าง",
    frame: feedbackFrame(proto, "likes"),
    author: somchai,
    now: at(50),
    id: "n-like" as NoteId,
  });
  addNote(content, {
    stage: "test",
    text: "อยากให้มีหลังคา",
    frame: feedbackFrame(proto, "wishes"),
    author: malee,
    now: at(51),
    id: "n-wish" as NoteId,
  });
  addNote(content, {
    stage: "test",
    text: "ใครดูแล?",
    frame: feedbackFrame(proto, "questions"),
    author: team,
    now: at(52),
    id: "n-q" as NoteId,
  });

  hideNote(control, hidden, team.id, at(60));
  hideNote(control, hiddenIdea, team.id, at(60));
  void says;
  return docs;
}
