import type { reportEn } from "./report.en";

/** ข้อความภาษาไทยของการดาวน์โหลดรายงาน */
export const reportTh: typeof reportEn = {
  download: "ดาวน์โหลด",
  menuLabel: "ดาวน์โหลดรายงานเวิร์กช็อป",
  formats: {
    html: "หน้าเว็บ (HTML พิมพ์ได้)",
    md: "Markdown",
    docx: "Word (DOCX)",
    json: "ข้อมูลเปิด (JSON)",
    csv: "ตารางข้อมูล (CSV)",
  },
  privacy: "แทนชื่อผู้เข้าร่วมด้วยนามแฝง และไม่รวมโน้ตที่ถูกซ่อน",
  working: "กำลังเตรียม {{format}}…",
  failed: "ดาวน์โหลดไม่สำเร็จ: {{message}}",
  done: "ดาวน์โหลด {{format}} แล้ว",
};
