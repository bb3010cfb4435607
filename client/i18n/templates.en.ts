/** English strings of the templates feature (merged into the catalog under `templates`). */
export const templatesEn = {
  legend: "Start from",
  hint: "A template fills in the title and challenge, adds guidance to every stage and puts example notes on the boards for you to replace.",
  options: {
    blank: {
      name: "Blank workshop",
      description: "Empty boards and the standard stage prompts.",
    },
    "service-journey": {
      name: "Service journey redesign",
      description: "Follow one public service step by step and fix where citizens get stuck.",
    },
    "policy-cocreation": {
      name: "Policy co-creation with citizens",
      description: "Shape a policy together with the people it affects.",
    },
  },
  /** Before the template's guidance under the stage prompt. */
  promptLabel: "{{template}}:",
  /** On a phone the guidance shows two lines until opened. */
  more: "Show all",
  less: "Show less",
};
