import type { phoneEn } from "./phone.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the phone feature, typed against the English ones. */
export const phoneTh: Widen<typeof phoneEn> = {
  mode: {
    label: "แสดงโน้ตแบบ",
    list: "รายการ",
    canvas: "ผืนผ้าใบ",
  },
  list: {
    label: "โน้ตในขั้น{{stage}}",
    empty: "ยังไม่มีโน้ต เขียนโน้ตแรกได้เลย!",
    emptyReadOnly: "ยังไม่มีโน้ต",
    ungrouped: "ยังไม่อยู่ในกลุ่ม",
    notes: "โน้ต",
    outside: "นอกแผนผัง",
    hmw: "เราจะ…ได้อย่างไร",
    others: "โน้ตอื่น ๆ",
    emptyGroup: "ยังไม่มีโน้ตในส่วนนี้",
  },
  compose: {
    label: "เพิ่มโน้ต",
    placeholder: "พิมพ์ไอเดียของคุณ…",
    hint: "กด Enter เพื่อเพิ่มโน้ต กด Shift+Enter เพื่อขึ้นบรรทัดใหม่",
    add: "เพิ่มโน้ต",
    area: "ช่อง",
    kind: "เพิ่มเป็น",
    kindNote: "โน้ต",
    kindHmw: "คำถาม “เราจะ…ได้อย่างไร”",
    feedback: "ผลตอบรับเรื่อง",
    general: "โน้ตทั่วไป",
    added: "เพิ่มโน้ตแล้ว",
    addedTo: "เพิ่มโน้ตในช่อง “{{group}}” แล้ว",
    addedHmw: "เพิ่มคำถามแล้ว",
    readOnly: "คุณกำลังดูเวิร์กช็อปนี้ เฉพาะผู้เข้าร่วมเท่านั้นที่เพิ่มโน้ตได้",
    locked: "ผู้ดำเนินการล็อกกระดานนี้ไว้ชั่วคราว คุณยังอ่านโน้ตได้",
  },
  note: {
    you: "{{name}} (คุณ)",
    edit: "แก้ไข",
    editLabel: "แก้ไขโน้ต",
    save: "บันทึก",
    cancel: "ยกเลิก",
    delete: "ลบ",
    deleted: "ลบโน้ตแล้ว",
  },
  answers: {
    label: "ตอบคำถามข้อไหน",
    none: "ไม่ได้ตอบคำถามใดโดยเฉพาะ",
    shown: "ตอบคำถาม: {{question}}",
    missing: "คำถามที่ไม่อยู่บนกระดานแล้ว",
  },
};
