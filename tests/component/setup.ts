import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { initI18n } from "../../client/i18n/index";
import { useSession } from "../../client/state/session";

initI18n("en");

beforeEach(() => {
  localStorage.clear();
  useSession.getState().setLocale("en");
  useSession.setState({ stage: "empathize", selectedNoteId: null, zoom: 1, shareOpen: false });
});

afterEach(() => {
  cleanup();
});
