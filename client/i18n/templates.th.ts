import type { templatesEn } from "./templates.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the templates feature, typed against the English ones. */
export const templatesTh: Widen<typeof templatesEn> = {
  legend: "เริ่มต้นจาก",
  hint: "แม่แบบจะกรอกชื่อและโจทย์ให้ เพิ่มคำแนะนำในทุกขั้นตอน และวางโน้ตตัวอย่างไว้บนกระดานให้แก้ไขหรือแทนที่ได้",
  options: {
    blank: {
      name: "เวิร์กช็อปเปล่า",
      description: "กระดานว่างพร้อมคำแนะนำมาตรฐานของแต่ละขั้นตอน",
    },
    "service-journey": {
      name: "ออกแบบเส้นทางการรับบริการใหม่",
      description: "ไล่ดูบริการภาครัฐทีละขั้นตอน แล้วแก้จุดที่ประชาชนติดขัด",
    },
    "policy-cocreation": {
      name: "ร่วมออกแบบนโยบายกับประชาชน",
      description: "ร่างนโยบายร่วมกับผู้ที่ได้รับผลกระทบโดยตรง",
    },
  },
  promptLabel: "{{template}}:",
  more: "อ่านต่อ",
  less: "ย่อ",
};
