import { clustersEn } from "./clusters.en";
import { facilitationEn } from "./facilitation.en";
import { historyEn } from "./history.en";
import { methodsEn } from "./methods.en";
import { phoneEn } from "./phone.en";
import { publishEn } from "./publish.en";
import { reportEn } from "./report.en";
import { templatesEn } from "./templates.en";
import { testingEn } from "./testing.en";
import { uploadsEn } from "./uploads.en";

/** English catalog. Its shape is the type every other catalog must match (see `Catalog`). */
export const en = {
  app: {
    name: "Ruamkid",
    tagline: "Design thinking together, in real time",
    skipToContent: "Skip to main content",
    loading: "Loading…",
  },
  lang: {
    label: "Language",
    th: "ไทย",
    en: "English",
  },
  home: {
    heading: "Think together with the people you serve",
    intro:
      "Ruamkid (ร่วมคิด) is a shared workspace for public-sector innovation labs. Create a workshop, share a link, and citizens join from their phones — no account needed — to add sticky notes across the five design-thinking stages.",
    step1: "Create a workshop with a title and the challenge you want to solve.",
    step2: "Share the links: team members, citizens and observers each get their own.",
    step3: "Everyone adds notes on the stage boards and sees changes live.",
    formHeading: "Start a new workshop",
    titleLabel: "Workshop title",
    titlePlaceholder: "e.g. Faster business registration",
    challengeLabel: "Challenge statement",
    challengeHint: "One or two sentences: what problem are you exploring, and for whom?",
    create: "Create workshop",
    creating: "Creating…",
    error: "Could not create the workshop: {{message}}",
    required: "Please enter a title and a challenge statement.",
  },
  join: {
    heading: "Welcome to {{title}}",
    headingFallback: "Welcome",
    role: "You are joining as: {{role}}",
    nameLabel: "Your name",
    nameHint: "Shown next to your notes, to everyone in this workshop.",
    anonymous: "Join anonymously",
    anonymousHint: "No name is shown: your notes say “Anonymous”.",
    nameRequired: "Please enter your name, or choose to join anonymously.",
    noticeHeading: "Your privacy",
    noticeWhatTitle: "What is stored",
    noticeWhat:
      "The display name you choose (none if you join anonymously) and the notes and votes you add. No account, no email address, no phone number.",
    noticeWhoTitle: "Who sees it",
    noticeWho:
      "Everyone in this workshop. If the facilitator publishes the results, names are replaced by pseudonyms.",
    noticeHowLongTitle: "For how long",
    noticeHowLong:
      "As long as the organising agency keeps this workshop. You can ask the facilitator to remove your contributions at any time.",
    consent: "This device remembers your name and that you agreed, so you are not asked again.",
    noticeAccepted: "Privacy notice (already accepted on this device)",
    accept: "Agree and continue",
    continue: "Continue",
    joining: "Joining…",
    rateLimited: "Many people are joining right now. Please wait a few seconds and try again.",
    failed: "Could not join: {{message}}",
  },
  meta: {
    editShort: "Edit",
    edit: "Edit title and challenge",
    save: "Save",
    titleRequired: "The workshop needs a title.",
    setCurrent: "Make this the current stage",
  },
  stages: {
    label: "Design-thinking stages",
    current: "Facilitator's current stage",
    empathize: {
      name: "Empathize",
      prompt: "What do people experience, feel and need? Share what you observed.",
    },
    define: { name: "Define", prompt: "What is the core problem? Write it as a clear need or question." },
    ideate: { name: "Ideate", prompt: "Go wide: every idea counts. How might we solve it?" },
    prototype: { name: "Prototype", prompt: "How could we try the best ideas quickly and cheaply?" },
    test: { name: "Test", prompt: "What did we learn from trying it? What should change?" },
  },
  board: {
    label: "{{stage}} board",
    add: "Add note",
    tools: "Board tools",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    zoomReset: "{{percent}}%: reset zoom",
    empty: "No notes yet. Add the first one!",
    readOnly: "You are viewing this workshop. Only participants can add notes.",
    count_one: "{{count}} note on this board",
    count_other: "{{count}} notes on this board",
    keyboardHint:
      "Tip: press N to add a note. Focus a note and use the arrow keys to move it (hold Shift for bigger steps).",
  },
  note: {
    label: "Note by {{author}}: {{text}}",
    labelEmpty: "Empty note by {{author}}",
    text: "Note text",
    placeholder: "Type your idea…",
    move: "Move note by {{author}} (drag, or arrow keys)",
    delete: "Delete note",
    colors: "Note color",
    anonymous: "Anonymous",
  },
  colors: {
    yellow: "Yellow",
    pink: "Pink",
    blue: "Blue",
    green: "Green",
    orange: "Orange",
    purple: "Purple",
  },
  presence: {
    label: "People in this workshop",
    person: "{{name}} — on {{stage}}",
    you: "{{name}} (you) — on {{stage}}",
    more: "+{{count}}",
    moreLabel: "{{count}} more people",
    open_one: "{{count}} person",
    open_other: "{{count}} people",
    heading_one: "{{count}} person here",
    heading_other: "{{count}} people here",
    youShort: "{{name}} (you)",
    close: "Close the list of people",
    othersHere_one: "+{{count}} other here",
    othersHere_other: "+{{count}} others here",
  },
  connection: {
    label: "Connection",
    online: "Online",
    connecting: "Connecting…",
    reconnecting: "Reconnecting…",
    offline: "Offline",
    revoked: "Access revoked",
    pending_one: "{{count}} change not yet synced",
    pending_other: "{{count}} changes not yet synced",
    announce: "Connection status: {{status}}",
  },
  header: {
    challenge: "Challenge",
    home: "Ruamkid home",
    roleBadge: "Role: {{role}}",
    viewOnly: "View only",
  },
  share: {
    open: "Share",
    heading: "Invite people",
    intro:
      "Each link gives a different role. Anyone with a link can join — share each one only with the right people.",
    close: "Close share panel",
    linkLabel: "{{role}} link",
    copy: "Copy {{role}} link",
    copied: "{{role}} link copied",
    copyFailed: "Could not copy. Select the link and copy it manually.",
    showQr: "Show QR code for {{role}} link",
    qrAlt: "QR code for the {{role}} link",
    citizenQr: "Citizens scan this code to join",
    showLarge: "Show QR code large",
    largeHeading: "Scan to join with your phone",
    largeClose: "Close",
    rotate: "New link",
    rotateLabel: "Make a new {{role}} link",
    rotateConfirmTitle: "Replace the {{role}} link?",
    rotateConfirmBody:
      "The current {{role}} link stops working at once: anyone using it is disconnected and needs the new link. Notes already added stay.",
    rotateConfirmSelf:
      "Your current facilitator link stops working at once, on every device. This page switches to the new link; copy it before you close it.",
    rotateConfirm: "Make new link",
    rotating: "Making a new link…",
    rotated: "New {{role}} link ready. The old one no longer works.",
    rotateFailed: "Could not make a new link: {{message}}",
    cancel: "Cancel",
  },
  roles: {
    facilitator: {
      name: "Facilitator",
      desc: "Runs the workshop and can invite others. Keep this link private.",
    },
    team: { name: "Team", desc: "Innovation-lab colleagues who work on every stage." },
    citizen: { name: "Citizen", desc: "Participants from the public. Join from a phone, no account needed." },
    observer: { name: "Observer", desc: "Can watch the workshop live but cannot change anything." },
  },
  methods: methodsEn,
  facilitation: facilitationEn,
  report: reportEn,
  publish: publishEn,
  clusters: clustersEn,
  history: historyEn,
  uploads: uploadsEn,
  templates: templatesEn,
  phone: phoneEn,
  testing: testingEn,
  errors: {
    notFoundTitle: "Workshop not found",
    notFoundBody: "This workshop does not exist or has been removed. Check the link you were given.",
    unauthorizedTitle: "This link is not valid",
    unauthorizedBody:
      "The link may be incomplete or may have been replaced. Ask the facilitator for a new link.",
    noLinkTitle: "You need an invitation link",
    noLinkBody: "Open the full link you were given by the facilitator. It contains your access key.",
    networkTitle: "Could not reach Ruamkid",
    networkBody: "Check your internet connection and try again.",
    revokedBody: "Your access to this workshop was revoked. Ask the facilitator for a new link.",
    home: "Go to the home page",
    retry: "Try again",
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every catalog has exactly the English keys: a missing or extra key is a type error. */
export type Catalog = Widen<typeof en>;
