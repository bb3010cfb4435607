import type { TemplateLocale } from "./ids";
import type { TemplateExamples, TemplateText } from "./types";

/**
 * Service journey redesign: one public service followed from the citizen's first need to the end, the
 * "one-stop, citizen-centric" service of Public Sector 4.0. The worked example is a food-shop licence,
 * a journey that crosses several offices and asks for the same documents more than once.
 */
export const serviceJourneyText: Record<TemplateLocale, TemplateText> = {
  th: {
    title: "ออกแบบเส้นทางการขอใบอนุญาตเปิดร้านอาหารใหม่",
    challenge:
      "ผู้ประกอบการรายย่อยต้องเดินทางติดต่อหลายหน่วยงานและยื่นเอกสารชุดเดิมซ้ำหลายครั้งกว่าจะได้ใบอนุญาต เราจะออกแบบเส้นทางการรับบริการใหม่ให้ง่าย รวดเร็ว และเสร็จสิ้นในจุดเดียวได้อย่างไร",
    prompts: {
      empathize:
        "ไล่ดูเส้นทางการรับบริการทีละขั้น ตั้งแต่ผู้รับบริการรู้ว่าต้องขอใบอนุญาตจนได้รับจริง บันทึกสิ่งที่เขาพูด ทำ คิด และรู้สึกในแต่ละจุดสัมผัสบริการ โดยเฉพาะจุดที่ต้องรอ ต้องเดินทาง หรือต้องยื่นเอกสารซ้ำ",
      define:
        "เลือกช่วงของเส้นทางที่ผู้รับบริการติดขัดมากที่สุด แล้วเขียนเป็นมุมมองผู้ใช้ (POV) และคำถาม “เราจะ…ได้อย่างไร” ที่ยึดประชาชนเป็นศูนย์กลาง ไม่ใช่ยึดขั้นตอนของหน่วยงาน",
      ideate:
        "ลองคิดว่าถ้าไม่มีข้อจำกัดเดิม บริการนี้จะเสร็จในจุดเดียวได้หรือไม่ ขั้นตอนไหนตัดได้ รวมได้ ย้ายไปทำออนไลน์ได้ หรือให้หน่วยงานเชื่อมโยงข้อมูลกันเองแทนการให้ประชาชนถือเอกสารไปยื่น",
      prototype:
        "ร่างเส้นทางการรับบริการใหม่ให้เห็นเป็นภาพ เช่น แบบฟอร์มหน้าเดียว ข้อความแจ้งเตือนทางโทรศัพท์ หรือผังจุดบริการ ใช้กระดาษหรือสไลด์ก็พอ ทำให้เร็วและพร้อมทิ้งได้",
      test: "ชวนผู้รับบริการตัวจริงมาลองเดินตามเส้นทางใหม่ สังเกตว่าติดขัดตรงไหน แล้วบันทึกทั้งสิ่งที่ชอบ สิ่งที่อยากให้ปรับ และคำถามที่ยังค้างอยู่",
    },
  },
  en: {
    title: "Redesigning the journey to a food shop licence",
    challenge:
      "Small business owners visit several offices and hand in the same documents again and again before they get a licence. How might we redesign the journey so it is simple, quick and done in one place?",
    prompts: {
      empathize:
        "Walk the journey step by step, from the moment applicants learn they need a licence to the day they hold it. Note what they say, do, think and feel at each touchpoint, especially where they wait, travel or hand in the same papers twice.",
      define:
        "Pick the stretch of the journey where applicants struggle most, and write it as a point of view and a “How might we…” question centred on the citizen, not on the agency's procedure.",
      ideate:
        "Imagine the service without today's constraints: could it be done in one place? Which steps can be dropped, merged or moved online, or handled by agencies sharing data instead of citizens carrying papers?",
      prototype:
        "Sketch the new journey so people can see it: a one-page form, a text-message update, a counter layout. Paper or slides are enough; keep it quick and disposable.",
      test: "Ask real applicants to walk the new journey and watch where they get stuck. Note what they like, what they wish were different and the questions still open.",
    },
  },
};

export const serviceJourneyExamples: Record<TemplateLocale, TemplateExamples> = {
  th: {
    empathy: [
      { area: "says", text: "ตัวอย่าง: “มาติดต่อครั้งที่สามแล้ว เอกสารก็ยังไม่ครบอีก”" },
      { area: "thinks", text: "ตัวอย่าง: ไม่แน่ใจว่าต้องไปหน่วยงานไหนก่อน" },
      { area: "does", text: "ตัวอย่าง: ถ่ายสำเนาบัตรประชาชนติดตัวไปเผื่อห้าชุด" },
      { area: "feels", text: "ตัวอย่าง: เหนื่อย และกังวลว่าจะเสียรายได้วันที่ต้องปิดร้าน" },
      { area: "pains", text: "ตัวอย่าง: ต้องปิดร้านครึ่งวันทุกครั้งที่มาติดต่อราชการ" },
      { area: "gains", text: "ตัวอย่าง: อยากรู้ล่วงหน้าว่าต้องเตรียมเอกสารอะไรบ้าง และใช้เวลากี่วัน" },
    ],
    persona: {
      name: "ตัวอย่าง: ป้าสมศรี เจ้าของร้านข้าวแกง",
      emoji: "👩‍🍳",
      quote: "ป้าอยากขายข้าวแกง ไม่ได้อยากเป็นผู้เชี่ยวชาญเรื่องเอกสาร",
      needs: ["รู้ขั้นตอนและเอกสารที่ต้องใช้ทั้งหมดตั้งแต่ครั้งแรกที่ติดต่อ", "ติดต่อได้นอกเวลาราชการ หรือผ่านโทรศัพท์มือถือ"],
    },
    pov: {
      user: "ตัวอย่าง: เจ้าของร้านอาหารรายย่อยที่ดูแลร้านคนเดียว",
      need: "ได้ใบอนุญาตโดยไม่ต้องปิดร้านไปติดต่อหลายรอบ",
      insight: "ทุกวันที่ปิดร้านคือรายได้ที่หายไป และแต่ละหน่วยงานขอเอกสารชุดเดิมซ้ำกัน",
    },
    hmw: [
      "ตัวอย่าง: เราจะทำให้การขอใบอนุญาตเสร็จได้ในการติดต่อครั้งเดียวได้อย่างไร",
      "ตัวอย่าง: เราจะทำให้ผู้ประกอบการรู้ล่วงหน้าว่าต้องเตรียมเอกสารอะไรได้อย่างไร",
    ],
    idea: "ตัวอย่าง: หน่วยงานเชื่อมโยงข้อมูลทะเบียนราษฎร์และทะเบียนพาณิชย์กันเอง ผู้ประกอบการไม่ต้องยื่นสำเนาเอกสาร",
    prototype: {
      title: "ตัวอย่าง: แบบคำขอออนไลน์หน้าเดียว พร้อมรายการเอกสารที่ต้องใช้",
      description:
        "ผู้ประกอบการกรอกคำขอหน้าเดียวบนโทรศัพท์ ระบบดึงข้อมูลทะเบียนราษฎร์และทะเบียนพาณิชย์ให้เอง แล้วแสดงรายการเอกสารที่ยังต้องเตรียมพร้อมวันนัดตรวจร้าน",
      steps: [
        "ผู้ประกอบการสแกนคิวอาร์โค้ดที่สำนักงานเขตหรือในไลน์ของเขต",
        "กรอกข้อมูลร้านหน้าเดียว ระบบเติมข้อมูลที่หน่วยงานมีอยู่แล้วให้",
        "ได้รับรายการเอกสารที่ขาดและวันนัดตรวจร้านทาง SMS",
      ],
      test: {
        who: "เจ้าของร้านอาหารรายย่อย 5 ราย ทั้งที่ใช้และไม่ใช้สมาร์ตโฟนคล่อง",
        what: "กรอกคำขอได้เองจนจบโดยไม่มีคนช่วย และเข้าใจว่าต้องเตรียมอะไรต่อ",
        how: "ให้ลองใช้ต้นแบบกระดาษหรือหน้าจอจำลองที่ร้านของเขาเอง สังเกตโดยไม่ช่วย แล้วคุยต่อ 10 นาที",
      },
    },
  },
  en: {
    empathy: [
      { area: "says", text: "Example: “This is my third visit and my papers still aren't complete.”" },
      { area: "thinks", text: "Example: Not sure which office to go to first." },
      { area: "does", text: "Example: Brings five copies of their ID card, just in case." },
      { area: "feels", text: "Example: Tired, and worried about the income lost while the shop is closed." },
      { area: "pains", text: "Example: Has to close the shop for half a day for every visit." },
      {
        area: "gains",
        text: "Example: Wants to know up front which documents to bring and how many days it takes.",
      },
    ],
    persona: {
      name: "Example: Auntie Somsri, curry-and-rice shop owner",
      emoji: "👩‍🍳",
      quote: "I want to sell curry and rice, not become an expert in paperwork.",
      needs: [
        "Know every step and document from the first contact",
        "Get things done outside office hours or from a phone",
      ],
    },
    pov: {
      user: "Example: a small restaurant owner who runs the shop alone",
      need: "get the licence without closing the shop for several trips",
      insight: "every closed day is income lost, and each office asks for the same documents again",
    },
    hmw: [
      "Example: How might we make the licence a one-visit service?",
      "Example: How might we let owners know up front which documents to prepare?",
    ],
    idea: "Example: Offices share civil-registration and business-registration data with each other, so owners hand in no copies",
    prototype: {
      title: "Example: one-page online application with the list of documents needed",
      description:
        "Owners fill in a single page on their phone. The system fills in what civil and business registration already hold, then lists the documents still needed and the date of the shop inspection.",
      steps: [
        "The owner scans a QR code at the district office or in its LINE account",
        "Fills in one page about the shop; data the agencies already hold is filled in for them",
        "Gets the list of missing documents and the inspection date by SMS",
      ],
      test: {
        who: "Five small restaurant owners, some at ease with smartphones and some not",
        what: "Can they finish the application alone, and do they understand what to prepare next?",
        how: "Try a paper or clickable mock-up in their own shop; watch without helping, then talk for 10 minutes",
      },
    },
  },
};
