import type { Catalog } from "./en";

/** Affinity clusters on the stage boards (Thai); typed against the English ones. */
export const clustersTh: Catalog["clusters"] = {
  add: "สร้างกลุ่มใหม่",
  defaultName: "กลุ่ม {{n}}",
  label: "กลุ่ม: {{name}}",
  unnamed: "กลุ่มที่ยังไม่มีชื่อ",
  name: "ชื่อกลุ่ม",
  move: "ย้ายกลุ่ม {{name}} (ลาก หรือใช้ปุ่มลูกศร)",
  color: "สีของกลุ่ม",
  collapse: "ย่อกลุ่ม {{name}}",
  expand: "ขยายกลุ่ม {{name}}",
  ungroup: "ยกเลิกกลุ่ม {{name}}",
  count_one: "{{count}} โน้ต",
  count_other: "{{count}} โน้ต",
  noteSelect: "ย้ายไปที่กลุ่ม…",
  none: "ไม่อยู่ในกลุ่ม",
  ungrouped: "ยกเลิกกลุ่ม {{name}} แล้ว",
};
