import type { uploadsEn } from "./uploads.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the uploads feature, typed against the English ones. */
export const uploadsTh: Widen<typeof uploadsEn> = {
  picker: {
    hint: "ไฟล์ PNG, JPEG หรือ WebP ขนาดไม่เกิน {{limit}}",
    uploading: "กำลังอัปโหลด…",
    uploaded: "เพิ่มรูปภาพแล้ว",
  },
  image: {
    loading: "กำลังโหลดรูปภาพ…",
    placeholder: "รูปภาพ",
    failed: "โหลดรูปภาพไม่สำเร็จ",
    missing: "ไม่พบรูปภาพนี้แล้ว",
    offline: "โหลดรูปภาพไม่สำเร็จ ดูเหมือนว่าคุณออฟไลน์อยู่",
    retry: "ลองอีกครั้ง",
  },
  errors: {
    type: "ไฟล์นี้ไม่ใช่รูปภาพ PNG, JPEG หรือ WebP กรุณาเลือกรูปถ่ายหรือภาพหน้าจอในรูปแบบเหล่านี้",
    size: "รูปภาพนี้มีขนาด {{size}} แต่รับได้ไม่เกิน {{limit}} กรุณาเลือกรูปที่เล็กลงหรือย่อขนาดก่อน",
    empty: "ไฟล์นี้ว่างเปล่า กรุณาเลือกรูปภาพอื่น",
    count: "เวิร์กช็อปนี้มีรูปภาพครบตามจำนวนสูงสุดแล้ว จึงเพิ่มรูปใหม่ไม่ได้",
    forbidden: "เฉพาะผู้ดำเนินการและทีมงานเท่านั้นที่เพิ่มรูปภาพได้",
    unauthorized: "ลิงก์ของคุณใช้ไม่ได้แล้ว กรุณาขอลิงก์ใหม่จากผู้ดำเนินการ",
    network: "เชื่อมต่อเซิร์ฟเวอร์ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง",
    server: "เพิ่มรูปภาพไม่สำเร็จ: {{message}}",
  },
  size: {
    bytes: "{{value}} ไบต์",
    kib: "{{value}} KB",
    mib: "{{value}} MB",
  },
};
