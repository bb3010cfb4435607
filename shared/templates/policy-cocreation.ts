import type { TemplateLocale } from "./ids";
import type { TemplateExamples, TemplateText } from "./types";

/**
 * Policy co-creation with citizens: the people a policy affects help frame the problem, propose options
 * and review the draft, the "open government that works with every sector" of Public Sector 4.0. The
 * worked example is care for older people living alone, a policy question in every Thai province.
 */
export const policyCocreationText: Record<TemplateLocale, TemplateText> = {
  th: {
    title: "ร่วมออกแบบนโยบายดูแลผู้สูงอายุที่อยู่ลำพังในชุมชน",
    challenge:
      "ผู้สูงอายุที่อยู่ลำพังจำนวนมากเข้าไม่ถึงความช่วยเหลือที่รัฐมีอยู่ และหน่วยงานมักรู้ปัญหาเมื่อสายเกินไป เราจะร่วมกับประชาชน อาสาสมัคร และหน่วยงานท้องถิ่น ออกแบบนโยบายที่ตอบโจทย์ชีวิตจริงและนำไปปฏิบัติได้จริงได้อย่างไร",
    prompts: {
      empathize:
        "รับฟังผู้ที่ได้รับผลกระทบจากนโยบายโดยตรง ทั้งผู้สูงอายุ ลูกหลาน อสม. และเจ้าหน้าที่ท้องถิ่น บันทึกสิ่งที่เขาพูด ทำ คิด และรู้สึกจริง ไม่ใช่สิ่งที่เราคาดว่าเขาต้องการ",
      define:
        "สรุปสิ่งที่ได้ยินเป็นมุมมองผู้ใช้ (POV) ของกลุ่มที่ได้รับผลกระทบมากที่สุด แล้วตั้งคำถาม “เราจะ…ได้อย่างไร” ที่นโยบายควรตอบ และชวนประชาชนช่วยเลือกคำถามที่สำคัญที่สุด",
      ideate:
        "เปิดให้ทุกฝ่ายเสนอทางเลือกเชิงนโยบายอย่างเท่าเทียม ทั้งมาตรการของรัฐ บทบาทของชุมชน และความร่วมมือกับภาคเอกชน โดยยังไม่ต้องตัดสินว่าไอเดียไหนทำได้หรือไม่ได้",
      prototype:
        "ทำทางเลือกที่ได้รับการสนับสนุนมากที่สุดให้เป็นรูปธรรม เช่น ร่างมาตรการหนึ่งหน้า เรื่องเล่าหนึ่งวันของผู้ได้รับประโยชน์ หรือโครงการนำร่องเล็ก ๆ ในชุมชนเดียว",
      test: "นำร่างกลับไปรับฟังความคิดเห็นจากประชาชนและผู้ปฏิบัติงาน ถามว่าอะไรใช้ได้ อะไรควรปรับ และใครยังตกหล่น แล้วแจ้งกลับให้ทราบว่าความเห็นของเขาถูกนำไปใช้อย่างไร",
    },
  },
  en: {
    title: "Co-creating a policy for older people living alone",
    challenge:
      "Many older people who live alone miss the support the state already offers, and agencies often hear about problems too late. How might we work with residents, volunteers and local agencies to shape a policy that fits real lives and can actually be carried out?",
    prompts: {
      empathize:
        "Listen to the people the policy touches directly: older residents, their families, village health volunteers and local officers. Record what they actually say, do, think and feel, not what we assume they need.",
      define:
        "Turn what you heard into a point of view for the group most affected, then write the “How might we…” questions the policy should answer, and ask citizens to help choose the one that matters most.",
      ideate:
        "Let every side propose policy options on equal terms: state measures, community roles, partnerships with business. Don't judge what is feasible yet.",
      prototype:
        "Make the best-supported options concrete: a one-page draft measure, a story of one day in the life of someone it helps, or a small pilot in a single community.",
      test: "Take the draft back to citizens and frontline staff: what works, what should change, who is still left out? Then tell them how their views were used.",
    },
  },
};

export const policyCocreationExamples: Record<TemplateLocale, TemplateExamples> = {
  th: {
    empathy: [
      { area: "says", text: "ตัวอย่าง: “ไม่อยากเป็นภาระลูกหลาน เวลาไม่สบายเลยไม่ค่อยบอกใคร”" },
      { area: "thinks", text: "ตัวอย่าง: รัฐช่วยเหลืออะไรเราได้บ้าง แล้วต้องไปขอที่ไหน" },
      { area: "does", text: "ตัวอย่าง: รอ อสม. มาเยี่ยมเดือนละครั้งจึงได้ปรึกษาเรื่องสุขภาพ" },
      { area: "feels", text: "ตัวอย่าง: เหงา และกลัวว่าถ้าหกล้มในบ้านจะไม่มีใครรู้" },
      { area: "pains", text: "ตัวอย่าง: ไปโรงพยาบาลเองไม่ได้ ต้องเหมารถทุกครั้ง" },
      { area: "gains", text: "ตัวอย่าง: อยากมีเพื่อนบ้านหรืออาสาสมัครที่เรียกได้ทันทีเมื่อมีเรื่องด่วน" },
    ],
    persona: {
      name: "ตัวอย่าง: ตาบุญมี อายุ 78 ปี อยู่บ้านคนเดียว",
      emoji: "👴",
      quote: "ลูก ๆ ไปทำงานกรุงเทพฯ กันหมด ตาอยู่ได้ แต่บางวันก็ไม่มีใครให้คุยด้วยเลย",
      needs: ["มีคนรู้และมาช่วยได้ทันเมื่อเจ็บป่วยหรือหกล้ม", "รู้ว่าตนเองมีสิทธิ์ได้รับความช่วยเหลืออะไร โดยไม่ต้องเดินทางไปถาม"],
    },
    pov: {
      user: "ตัวอย่าง: ผู้สูงอายุที่อยู่บ้านคนเดียวและเดินทางเองไม่สะดวก",
      need: "ความช่วยเหลือที่มาถึงตัวทันเวลา โดยไม่ต้องร้องขอเอง",
      insight: "หลายคนเกรงใจ ไม่อยากเป็นภาระ จึงไม่ร้องขอจนกว่าปัญหาจะลุกลาม",
    },
    hmw: [
      "ตัวอย่าง: เราจะทำให้หน่วยงานเข้าถึงผู้สูงอายุที่อยู่ลำพังได้ก่อนที่เขาต้องร้องขอได้อย่างไร",
      "ตัวอย่าง: เราจะชวนชุมชนให้มีส่วนร่วมดูแลผู้สูงอายุที่อยู่ลำพังได้อย่างไร",
    ],
    idea: "ตัวอย่าง: เครือข่าย “เพื่อนบ้านดูแลกัน” โทรถามไถ่ผู้สูงอายุทุกเช้า ร่วมกับ อสม. และ อบต.",
    prototype: {
      title: "ตัวอย่าง: ร่างมาตรการนำร่อง “เพื่อนบ้านดูแลกัน” ในหนึ่งหมู่บ้าน",
      description:
        "อาสาสมัครในหมู่บ้านจับคู่กับผู้สูงอายุที่อยู่ลำพัง โทรถามไถ่ทุกเช้า หากไม่มีคนรับสายภายในสิบโมง อสม. จะไปเยี่ยมที่บ้าน และ อบต. สรุปเรื่องที่ต้องช่วยเหลือทุกสัปดาห์",
      steps: [
        "อบต. และ อสม. ชวนเพื่อนบ้านอาสามาจับคู่กับผู้สูงอายุที่อยู่ลำพัง",
        "เพื่อนบ้านโทรถามไถ่ทุกเช้า และจดเรื่องที่ผู้สูงอายุต้องการ",
        "ไม่มีคนรับสาย: อสม. ไปเยี่ยมที่บ้านภายในวันนั้น",
        "อบต. ประชุมสรุปทุกสัปดาห์และส่งต่อเรื่องที่ต้องใช้สิทธิ์หรืองบประมาณ",
      ],
      test: {
        who: "ผู้สูงอายุที่อยู่ลำพัง 10 คน เพื่อนบ้านอาสา อสม. และเจ้าหน้าที่ อบต. ในหมู่บ้านนำร่อง",
        what: "ผู้สูงอายุรู้สึกว่าได้รับการดูแลโดยไม่เป็นภาระหรือไม่ และอาสาสมัครทำต่อเนื่องได้จริงหรือไม่",
        how: "ทดลองหนึ่งเดือน จัดเวทีรับฟังในหมู่บ้านก่อนและหลัง แล้วแจ้งกลับว่าความเห็นถูกนำไปปรับอย่างไร",
      },
    },
  },
  en: {
    empathy: [
      {
        area: "says",
        text: "Example: “I don't want to be a burden, so I rarely tell anyone when I'm unwell.”",
      },
      { area: "thinks", text: "Example: What help am I entitled to, and where do I ask for it?" },
      {
        area: "does",
        text: "Example: Waits for the village health volunteer's monthly visit to talk about health.",
      },
      { area: "feels", text: "Example: Lonely, and afraid nobody would know after a fall at home." },
      { area: "pains", text: "Example: Can't get to the hospital alone and has to hire a car every time." },
      {
        area: "gains",
        text: "Example: Wants a neighbour or volunteer to call at once when something urgent happens.",
      },
    ],
    persona: {
      name: "Example: Grandpa Boonmee, 78, lives alone",
      emoji: "👴",
      quote: "My children all work in Bangkok. I manage, but some days I have nobody to talk to.",
      needs: [
        "Someone who knows and comes quickly if he falls ill or falls down",
        "To know what help he is entitled to without travelling to ask",
      ],
    },
    pov: {
      user: "Example: an older person who lives alone and cannot easily travel",
      need: "get help that reaches them in time without having to ask for it",
      insight: "many feel they would be a burden, so they don't ask until the problem has grown",
    },
    hmw: [
      "Example: How might we reach older people living alone before they have to ask for help?",
      "Example: How might we involve the community in caring for older people who live alone?",
    ],
    idea: "Example: A “Neighbours Look Out” network that phones older residents every morning, with health volunteers and the subdistrict office",
    prototype: {
      title: "Example: draft pilot measure “Neighbours Look Out” in one village",
      description:
        "Village volunteers pair up with older people who live alone and phone them every morning. If nobody answers by ten, the health volunteer visits; the subdistrict office reviews what help is needed every week.",
      steps: [
        "The subdistrict office and health volunteers invite neighbours to pair up with older people living alone",
        "The neighbour phones every morning and notes what the older person needs",
        "No answer: the health volunteer visits the same day",
        "The subdistrict office meets weekly and passes on what needs entitlements or budget",
      ],
      test: {
        who: "Ten older people living alone, volunteer neighbours, health volunteers and subdistrict staff in the pilot village",
        what: "Do older people feel looked after without feeling a burden, and can volunteers keep it up?",
        how: "Run it for a month, hold a village hearing before and after, then report back how views changed the measure",
      },
    },
  },
};
