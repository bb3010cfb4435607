import type { testingEn } from "./testing.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the Test stage and prototype storyboards, typed against the English ones. */
export const testingTh: Widen<typeof testingEn> = {
  heading: "ทดสอบกับผู้ใช้จริง",
  intro: "บันทึกสิ่งที่ผู้ทดสอบชอบ อยากให้ปรับ สงสัย และเสนอแนะต่อต้นแบบแต่ละชิ้น แล้วตัดสินใจว่าจะทำอะไรต่อ",
  empty: "ยังไม่มีต้นแบบ ทีมงานเพิ่มต้นแบบได้ในขั้นสร้างต้นแบบ",
  areaLabel: "{{prototype}} · {{area}}",
  feedbackOf: "ความคิดเห็นต่อ {{prototype}}",
  areas: {
    likes: "สิ่งที่ชอบ",
    wishes: "สิ่งที่อยากให้ปรับ",
    questions: "คำถาม",
    ideas: "ไอเดียใหม่",
  },
  areaHints: {
    likes: "อะไรที่ใช้ได้ดีสำหรับเขา",
    wishes: "เขาอยากให้เปลี่ยนอะไร",
    questions: "เขาถามอะไร หรือตรงไหนที่ยังไม่เข้าใจ",
    ideas: "มีไอเดียใหม่อะไรเกิดขึ้นบ้าง",
  },
  plan: {
    legend: "แผนการทดสอบ",
    testWho: "ใครเป็นผู้ทดสอบ",
    testWhat: "ทดสอบอะไร",
    testHow: "ทดสอบอย่างไร",
    testWhoPlaceholder: "เช่น ผู้ป่วยสูงอายุ 5 คนที่คลินิก",
    testWhatPlaceholder: "เช่น ผู้ใช้เข้าใจเลขคิวทาง SMS หรือไม่",
    testHowPlaceholder: "เช่น ใช้ต้นแบบกระดาษในเช้าวันจันทร์",
    empty: "ยังไม่ได้วางแผน",
  },
  status: {
    legend: "ผลการทดสอบ",
    keep: "เก็บไว้",
    iterate: "ปรับปรุงต่อ",
    drop: "ยกเลิก",
    none: "ยังไม่ตัดสินใจ",
    badge: "ผล: {{status}}",
  },
  nextSteps: "ขั้นตอนต่อไปเพื่อขยายผล",
  nextStepsOf: "ขั้นตอนต่อไปของ {{prototype}}",
  storyboard: {
    heading: "สตอรีบอร์ด",
    empty: "ยังไม่มีขั้นตอน",
    step: "ขั้นที่ {{number}}",
    stepText: "ขั้นที่ {{number}}: เกิดอะไรขึ้น",
    newStep: "ขั้นต่อไปเกิดอะไรขึ้น",
    add: "เพิ่มขั้นตอน",
    image: "ภาพประกอบขั้นที่ {{number}}",
    imageAlt: "ขั้นที่ {{number}}: {{text}}",
    removeImage: "นำภาพออก",
    moveEarlier: "เลื่อนขั้นที่ {{number}} ขึ้นก่อน",
    moveLater: "เลื่อนขั้นที่ {{number}} ไปทีหลัง",
    delete: "ลบขั้นที่ {{number}}",
    full: "สตอรีบอร์ดมีได้ไม่เกิน {{count}} ขั้นตอน",
  },
};
