/**
 * `npm run screenshots:stages`: every stage and method view of a workshop made from the service-journey
 * template and filled in (persona, pinned HMW, linked idea, prototype with a pictured storyboard, feedback
 * in all four quadrants), at desktop (facilitator) and phone (citizen) size, in Thai and English, as PNGs
 * in ./screenshots. For looking, not asserting.
 */
import { mkdirSync } from "node:fs";
import * as Y from "yjs";
import { feedbackLayout, placeInArea } from "../client/methods/areas";
import {
  addInterview,
  addNote,
  addPersona,
  addPrototype,
  addStep,
  editTestPlan,
  FEEDBACK_AREAS,
  getNotes,
  getPrototypes,
  HMW_FRAME,
  linkIdea,
  pinFocusQuestion,
  richText,
  setPersonaImage,
  setPrototypeStatus,
} from "../shared";
import type { WorkshopId } from "../shared/ids";
import { imagesPath } from "../shared/protocol";
import { joinWithRooms } from "../tests/server/helpers";
import { DESKTOP, launchChromium, PHONE } from "../tests/support/browser";
import { solidPng } from "../tests/support/png";
import { startServerProcess } from "../tests/support/server-process";

const OUT = "screenshots";
mkdirSync(OUT, { recursive: true });

const server = await startServerProcess();
const browser = await launchChromium();
const connections: { provider: { destroy(): void } }[] = [];
try {
  const created = await fetch(`${server.url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      title: "ต่ออายุใบอนุญาตร้านอาหารในครั้งเดียว",
      challenge: "เราจะทำให้ผู้ประกอบการต่ออายุใบอนุญาตได้ในการติดต่อครั้งเดียวได้อย่างไร",
      template: "service-journey",
      locale: "th",
    }),
  }).then((r) => r.json() as Promise<{ id: WorkshopId; links: Record<string, string> }>);
  const token = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get("token") ?? "";
  const facToken = token(created.links.facilitator as string);
  const fac = await joinWithRooms(server.url, created.id, facToken, "สมชาย");
  const cit = await joinWithRooms(server.url, created.id, token(created.links.citizen as string), "มาลี");
  connections.push(fac.content, fac.control, cit.content, cit.control);
  const content = fac.content.doc;
  const author = { id: fac.participantId, name: "สมชาย" };

  const persona = addPersona(content, {
    authorId: fac.participantId,
    name: "ลุงประยูร เจ้าของร้านข้าวแกง",
    emoji: "👨‍🍳",
    quote: "ปิดร้านไปยื่นเอกสารหนึ่งวัน ก็ขาดรายได้ไปหนึ่งวัน",
  });
  const upload = (png: Buffer) =>
    fetch(`${server.url}${imagesPath(created.id)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${facToken}`, "content-type": "image/png" },
      body: new Uint8Array(png),
    })
      .then((r) => r.json() as Promise<{ id: string }>)
      .then((r) => r.id);
  // One persona with an uploaded picture (the other keeps its emoji).
  setPersonaImage(content, persona, await upload(solidPng(160, 160, [0xf5, 0x9e, 0x0b])));
  const interview = addInterview(content, {
    authorId: fac.participantId,
    title: "สัมภาษณ์ที่ตลาดบางกะปิ 12 พ.ย.",
    personaId: persona,
  });
  const observed = new Y.XmlElement("paragraph");
  observed.insert(0, [new Y.XmlText("ลุงประยูรมาเขตสามครั้งในสองสัปดาห์ ครั้งที่สองขาดสำเนาทะเบียนบ้าน")]);
  content.transact(() => richText(content, interview, "body").insert(0, [observed]));
  const hmw = addNote(content, {
    stage: "define",
    frame: HMW_FRAME,
    color: "blue",
    text: "เราจะทำให้การต่อใบอนุญาตจบในการติดต่อครั้งเดียวได้อย่างไร",
    author,
    x: 40,
    y: 1200,
  });
  pinFocusQuestion(fac.control.doc, hmw);
  const idea = addNote(content, {
    stage: "ideate",
    text: "ยื่นออนไลน์ผ่าน LINE แล้วรับใบอนุญาตที่ร้านสะดวกซื้อ",
    answers: hmw,
    author,
    x: 300,
    y: 120,
  });
  addNote(content, {
    stage: "ideate",
    text: "Mobile unit visits the market once a month",
    answers: hmw,
    author,
    x: 520,
    y: 120,
  });

  const proto = addPrototype(content, { authorId: fac.participantId, title: "ต่อใบอนุญาตจุดเดียว" });
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("ยื่นคำขอและชำระเงินทาง LINE เจ้าหน้าที่ตรวจร้านตามนัด แล้วส่งใบอนุญาตทางไปรษณีย์")]);
  content.transact(() => richText(content, proto, "description").insert(0, [paragraph]));
  linkIdea(content, proto, idea);
  const pictures = [solidPng(320, 240, [0x3b, 0x82, 0xf6]), solidPng(320, 240, [0x10, 0xb9, 0x81])];
  const steps = ["กรอกคำขอใน LINE OA ของเขต", "เจ้าหน้าที่นัดตรวจร้านผ่าน SMS", "รับใบอนุญาตที่ร้านสะดวกซื้อ"];
  for (const [i, text] of steps.entries()) {
    const picture = pictures[i];
    const imageId = picture ? await upload(picture) : null;
    addStep(content, { authorId: fac.participantId, prototypeId: proto, text, imageId });
  }
  editTestPlan(content, proto, {
    testWho: "เจ้าของร้านอาหาร 5 รายในตลาดบางกะปิ",
    testWhat: "ยื่นคำขอผ่าน LINE ได้เองโดยไม่ต้องมีคนช่วยหรือไม่",
    testHow: "ให้ลองใช้ต้นแบบบนโทรศัพท์ของตนเอง แล้วสัมภาษณ์ต่อ 10 นาที",
  });
  setPrototypeStatus(content, proto, "iterate");

  await waitFor(() => getPrototypes(cit.content.doc).some((p) => p.id === proto));
  const feedback = [
    "ไม่ต้องปิดร้านไปเขต",
    "อยากให้แจ้งเตือนก่อนหมดอายุ",
    "ถ้าไม่มี LINE ทำอย่างไร",
    "ให้ อสม. ช่วยผู้สูงอายุกรอก",
  ];
  const regions = feedbackLayout(getPrototypes(cit.content.doc));
  for (const [i, area] of FEEDBACK_AREAS.entries()) {
    const region = regions.find((r) => r.prototypeId === proto && r.area === area);
    if (!region) continue;
    addNote(cit.content.doc, {
      stage: "test",
      frame: region.frame,
      text: feedback[i] ?? "",
      author: { id: cit.participantId, name: "มาลี" },
      ...placeInArea(region, []),
    });
  }
  // The citizen's notes went through the server once the facilitator's copy has them.
  await waitFor(() => getNotes(content).filter((n) => n.stage === "test").length >= FEEDBACK_AREAS.length);

  const views: Record<string, { en: string; th: string }[]> = {
    empathize: [
      { en: "Board", th: "กระดาน" },
      { en: "Empathy map", th: "แผนผังความเข้าใจ" },
      { en: "Personas", th: "เพอร์โซนา" },
      { en: "Interviews", th: "บันทึกสัมภาษณ์" },
    ],
    define: [
      { en: "Point of view", th: "มุมมองปัญหา" },
      { en: "How might we", th: "เราจะ…ได้อย่างไร" },
    ],
    ideate: [{ en: "", th: "" }],
    prototype: [{ en: "Prototypes", th: "ต้นแบบ" }],
    test: [
      { en: "Feedback", th: "ผลตอบรับ" },
      { en: "Board", th: "กระดาน" },
    ],
  };

  for (const lang of ["th", "en"] as const) {
    for (const [size, viewport, link, name] of [
      ["desktop", DESKTOP, created.links.facilitator, "Somchai"],
      ["phone", PHONE, created.links.citizen, "Malee"],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: lang === "th" ? "th-TH" : "en-US" });
      const page = await context.newPage();
      await page.goto(link as string);
      await page.locator("#display-name").fill(name);
      await page.keyboard.press("Enter");
      await page.getByRole("tablist").waitFor();
      const shareClose = page.locator("#share-panel .share__close");
      if (await shareClose.count()) await shareClose.first().click();
      const tabs = page.getByRole("tab");
      for (const [index, stage] of ["empathize", "define", "ideate", "prototype", "test"].entries()) {
        await tabs.nth(index).click();
        for (const view of views[stage] ?? []) {
          if (view[lang]) await page.getByRole("button", { name: view[lang], exact: true }).click();
          await page.waitForTimeout(400); // lazy editor chunks and pictures
          const suffix = view.en ? `-${view.en.toLowerCase().replace(/\s+/g, "-")}` : "";
          const path = `${OUT}/stage-${index + 1}-${stage}${suffix}-${size}-${lang}`;
          await page.screenshot({ path: `${path}.png` });
          // Lists run past the fold inside their own scroller: show its end too.
          const scrolled = await page.evaluate(() => {
            const scrollers = [...document.querySelectorAll<HTMLElement>("*")].filter(
              (el) =>
                /auto|scroll/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 40,
            );
            const tallest = scrollers.sort((a, b) => b.clientHeight - a.clientHeight)[0];
            if (tallest && !tallest.classList.contains("board__viewport")) {
              tallest.scrollTop = tallest.scrollHeight;
              return true;
            }
            // Phones scroll the page itself.
            if (document.documentElement.scrollHeight <= window.innerHeight + 40) return false;
            window.scrollTo(0, document.documentElement.scrollHeight);
            return true;
          });
          if (scrolled) {
            await page.waitForTimeout(200);
            await page.screenshot({ path: `${path}-end.png` });
            await page.evaluate(() => {
              for (const el of document.querySelectorAll<HTMLElement>("*"))
                if (el.scrollTop) el.scrollTop = 0;
              window.scrollTo(0, 0);
            });
          }
        }
        if (stage === "ideate" && size === "phone") {
          // The canvas a phone can switch to: a screenful below the sticky stage tabs.
          const [canvas, list] = lang === "th" ? ["ผืนผ้าใบ", "รายการ"] : ["Canvas", "List"];
          await page.getByRole("button", { name: canvas, exact: true }).click();
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${OUT}/stage-3-ideate-canvas-${size}-${lang}.png` });
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await page.screenshot({ path: `${OUT}/stage-3-ideate-canvas-${size}-${lang}-end.png` });
          await page.getByRole("button", { name: list, exact: true }).click();
          await page.evaluate(() => window.scrollTo(0, 0));
        }
        if (stage === "ideate" && size === "desktop") {
          // A selected idea: its tools, cluster and "answers which question?" choices.
          await page
            .locator('[data-testid="note"]')
            .nth(1)
            .click({ position: { x: 90, y: 12 } });
          await page.waitForTimeout(200);
          await page.screenshot({ path: `${OUT}/stage-3-ideate-selected-${size}-${lang}.png` });
        }
      }
      await context.close();
    }
  }
  console.log(`stage screenshots written to ${OUT}/`);
} finally {
  for (const connection of connections) connection.provider.destroy();
  await browser.close();
  await server.stop();
}
// The providers' awareness timers would keep the process alive.
process.exit(0);

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}
