import type { EmpathyArea, FeedbackArea, PrototypeStatus } from "../methods";
import type { Role } from "../protocol";
import type { StageId } from "../schema";
import type { ContributionKind, Report } from "./model";

/** Words of the rendered reports, Thai and English. */
export type ReportLocale = "th" | "en";
export const isReportLocale = (value: unknown): value is ReportLocale => value === "th" || value === "en";

export interface ReportLabels {
  report: string;
  challenge: string;
  focus: string;
  noFocus: string;
  generated: string;
  created: string;
  participants: string;
  contributors: string;
  pseudonymNote: string;
  empathize: string;
  personas: string;
  /** Alt text of a persona's picture; the name is empty for an unnamed persona. */
  personaPicture: (name: string) => string;
  needs: string;
  context: string;
  empathyMap: string;
  define: string;
  povs: string;
  povUser: string;
  povNeed: string;
  povInsight: string;
  hmw: string;
  ideate: string;
  topIdeas: string;
  allIdeas: string;
  votes: (n: number) => string;
  clusters: string;
  prototype: string;
  linkedIdeas: string;
  storyboard: string;
  step: (n: number) => string;
  /** Stands in for a step's picture where the export cannot show it. */
  picture: string;
  test: string;
  testPlan: string;
  testWho: string;
  testWhat: string;
  testHow: string;
  notPlanned: string;
  result: string;
  statuses: Record<PrototypeStatus | "undecided", string>;
  nextSteps: string;
  feedback: string;
  deletedPrototype: string;
  otherNotes: string;
  timeline: string;
  current: string;
  notesCount: (n: number) => string;
  notReached: string;
  none: string;
  participant: (n: number) => string;
  unknownAuthor: string;
  stages: Record<StageId, string>;
  areas: Record<EmpathyArea, string>;
  feedbackAreas: Record<FeedbackArea, string>;
  roles: Record<Role | "unknown", string>;
  kinds: Record<ContributionKind, string>;
}

const en: ReportLabels = {
  report: "Workshop report",
  challenge: "Challenge",
  focus: "Focus question",
  noFocus: "No focus question pinned.",
  generated: "Exported",
  created: "Started",
  participants: "Participants",
  contributors: "People who contributed",
  pseudonymNote: "Contributors are shown as pseudonyms; names are not published.",
  empathize: "Empathize",
  personas: "Personas",
  personaPicture: (name) => (name ? `Picture of ${name}` : "Picture of the persona"),
  needs: "Needs",
  context: "Context",
  empathyMap: "Empathy map",
  define: "Define",
  povs: "Point-of-view statements",
  povUser: "User",
  povNeed: "needs a way to",
  povInsight: "because",
  hmw: "How might we…",
  ideate: "Ideate",
  topIdeas: "Top-voted ideas",
  allIdeas: "All ideas",
  votes: (n) => (n === 1 ? "1 vote" : `${n} votes`),
  clusters: "Clusters",
  prototype: "Prototype",
  linkedIdeas: "Builds on",
  storyboard: "Storyboard",
  step: (n) => `Step ${n}`,
  picture: "(picture)",
  test: "Test",
  testPlan: "Test plan",
  testWho: "Who tests it",
  testWhat: "What we test",
  testHow: "How we test",
  notPlanned: "Not planned yet.",
  result: "Result",
  statuses: { keep: "Keep", iterate: "Iterate", drop: "Drop", undecided: "Not decided yet" },
  nextSteps: "Next steps to scale up",
  feedback: "Feedback",
  deletedPrototype: "(deleted prototype)",
  otherNotes: "Other notes",
  timeline: "Timeline",
  current: "current stage",
  notesCount: (n) => (n === 1 ? "1 note" : `${n} notes`),
  notReached: "not reached",
  none: "None.",
  participant: (n) => `Participant ${n}`,
  unknownAuthor: "Unknown",
  stages: {
    empathize: "Empathize",
    define: "Define",
    ideate: "Ideate",
    prototype: "Prototype",
    test: "Test",
  },
  areas: { says: "Says", thinks: "Thinks", does: "Does", feels: "Feels", pains: "Pains", gains: "Gains" },
  feedbackAreas: { likes: "Likes", wishes: "Wishes", questions: "Questions", ideas: "Ideas" },
  roles: {
    facilitator: "Facilitators",
    team: "Team",
    citizen: "Citizens",
    observer: "Observers",
    unknown: "Role not recorded",
  },
  kinds: {
    empathy: "empathy map",
    hmw: "how might we",
    idea: "idea",
    feedback: "feedback",
    note: "note",
    persona: "persona",
    pov: "point of view",
    prototype: "prototype",
    "storyboard-step": "storyboard step",
  },
};

const th: ReportLabels = {
  report: "รายงานเวิร์กช็อป",
  challenge: "โจทย์",
  focus: "คำถามหลัก",
  noFocus: "ยังไม่ได้ปักหมุดคำถามหลัก",
  generated: "ส่งออกเมื่อ",
  created: "เริ่มเมื่อ",
  participants: "ผู้เข้าร่วม",
  contributors: "ผู้ที่ร่วมเขียน",
  pseudonymNote: "แสดงผู้ร่วมเขียนด้วยนามแฝง ไม่เผยแพร่ชื่อจริง",
  empathize: "เข้าใจ",
  personas: "เพอร์โซนา",
  personaPicture: (name) => (name ? `รูปของ ${name}` : "รูปของเพอร์โซนา"),
  needs: "ความต้องการ",
  context: "บริบท",
  empathyMap: "แผนที่ความเข้าใจ",
  define: "นิยามปัญหา",
  povs: "ข้อความมุมมอง (POV)",
  povUser: "ผู้ใช้",
  povNeed: "ต้องการ",
  povInsight: "เพราะ",
  hmw: "เราจะทำอย่างไรให้…",
  ideate: "ระดมความคิด",
  topIdeas: "ไอเดียที่ได้คะแนนโหวตสูงสุด",
  allIdeas: "ไอเดียทั้งหมด",
  votes: (n) => `${n} โหวต`,
  clusters: "กลุ่มไอเดีย",
  prototype: "ต้นแบบ",
  linkedIdeas: "ต่อยอดจาก",
  storyboard: "สตอรีบอร์ด",
  step: (n) => `ขั้นที่ ${n}`,
  picture: "(ภาพประกอบ)",
  test: "ทดสอบ",
  testPlan: "แผนการทดสอบ",
  testWho: "ใครเป็นผู้ทดสอบ",
  testWhat: "ทดสอบอะไร",
  testHow: "ทดสอบอย่างไร",
  notPlanned: "ยังไม่ได้วางแผน",
  result: "ผลการทดสอบ",
  statuses: { keep: "เก็บไว้", iterate: "ปรับปรุงต่อ", drop: "ยกเลิก", undecided: "ยังไม่ตัดสินใจ" },
  nextSteps: "ขั้นตอนต่อไปเพื่อขยายผล",
  feedback: "ความคิดเห็น",
  deletedPrototype: "(ต้นแบบที่ถูกลบ)",
  otherNotes: "โน้ตอื่น ๆ",
  timeline: "ลำดับขั้นตอน",
  current: "ขั้นตอนปัจจุบัน",
  notesCount: (n) => `${n} โน้ต`,
  notReached: "ยังไม่ถึง",
  none: "ไม่มี",
  participant: (n) => `ผู้เข้าร่วม ${n}`,
  unknownAuthor: "ไม่ทราบ",
  stages: {
    empathize: "เข้าใจ",
    define: "นิยามปัญหา",
    ideate: "ระดมความคิด",
    prototype: "สร้างต้นแบบ",
    test: "ทดสอบ",
  },
  areas: { says: "พูด", thinks: "คิด", does: "ทำ", feels: "รู้สึก", pains: "ความทุกข์", gains: "สิ่งที่อยากได้" },
  feedbackAreas: { likes: "ชอบ", wishes: "อยากให้มี", questions: "คำถาม", ideas: "ไอเดีย" },
  roles: {
    facilitator: "ผู้อำนวยการเวิร์กช็อป",
    team: "ทีมงาน",
    citizen: "ประชาชน",
    observer: "ผู้สังเกตการณ์",
    unknown: "ไม่ได้บันทึกบทบาท",
  },
  kinds: {
    empathy: "แผนที่ความเข้าใจ",
    hmw: "เราจะทำอย่างไรให้",
    idea: "ไอเดีย",
    feedback: "ความคิดเห็น",
    note: "โน้ต",
    persona: "เพอร์โซนา",
    pov: "มุมมอง",
    prototype: "ต้นแบบ",
    "storyboard-step": "ขั้นตอนในสตอรีบอร์ด",
  },
};

export const reportLabels = (locale: ReportLocale): ReportLabels => (locale === "th" ? th : en);

/** "Participant 3" / "ผู้เข้าร่วม 3", or the display name when the report is not pseudonymized. */
export function authorLabel(report: Report, n: number | null, labels: ReportLabels): string {
  if (n === null) return labels.unknownAuthor;
  const author = report.authors[n - 1];
  return author?.name && !report.pseudonymized ? author.name : labels.participant(n);
}

/** A step's picture described in words ("Step 2: text"): alt text in HTML and Word, Markdown's image text. */
export function stepAlt(step: { number: number; text: string }, labels: ReportLabels): string {
  const text = step.text.replace(/\s+/g, " ").trim();
  return text ? `${labels.step(step.number)}: ${text}` : labels.step(step.number);
}

/** A persona's picture described in words ("Picture of Aunt Daeng"): alt text in HTML, Word and Markdown. */
export function personaAlt(persona: { name: string }, labels: ReportLabels): string {
  return labels.personaPicture(persona.name.replace(/\s+/g, " ").trim());
}

/** Dates in the report's language, in Thailand's time zone (the Buddhist calendar in Thai). */
export function formatDate(at: number, locale: ReportLocale): string {
  if (!at) return "";
  return new Intl.DateTimeFormat(locale === "th" ? "th-TH" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Bangkok",
  }).format(at);
}
