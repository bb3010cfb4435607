/** English strings of the uploads feature (merged into the catalog under `uploads`). */
export const uploadsEn = {
  picker: {
    hint: "PNG, JPEG or WebP, up to {{limit}}",
    uploading: "Uploading…",
    uploaded: "Image added.",
  },
  image: {
    loading: "Loading image…",
    placeholder: "Image",
    failed: "Could not load the image.",
    missing: "This image is no longer available.",
    offline: "Could not load the image: you seem to be offline.",
    retry: "Try again",
  },
  errors: {
    type: "This file is not a PNG, JPEG or WebP image. Choose a photo or screenshot in one of those formats.",
    size: "This image is {{size}}; the limit is {{limit}}. Choose a smaller image or shrink it first.",
    empty: "This file is empty. Choose another image.",
    count: "This workshop already holds as many images as it can; no more can be added.",
    forbidden: "Only the facilitator and the team can add images.",
    unauthorized: "Your link is no longer valid. Ask the facilitator for a new one.",
    network: "Could not reach the server. Check your connection and try again.",
    server: "The image could not be added: {{message}}",
  },
  size: {
    bytes: "{{value}} bytes",
    kib: "{{value}} KB",
    mib: "{{value}} MB",
  },
};
