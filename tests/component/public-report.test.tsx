import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PublicReport } from "../../client/public/PublicPage";
import { buildReport } from "../../shared/report";
import { fixtureWorkshop, STEP_IMAGE, STEPS, T0 } from "../unit/report.fixture";

describe("the public page of a published workshop", () => {
  it("shows each prototype's storyboard with its picture, and the test plan, result and next steps", () => {
    const report = buildReport(fixtureWorkshop(), { pseudonymize: true, includeHidden: false, now: T0 });
    render(
      <PublicReport workshop={{ id: "w-public", title: report.workshop.title, publishedAt: T0, report }} />,
    );
    const picture = screen.getByRole("img", { name: `Step 2: ${STEPS.second}` });
    // Published workshops serve their pictures without a token, so a plain address works.
    expect(picture).toHaveAttribute("src", `/api/workshops/w-public/images/${STEP_IMAGE}`);
    expect(screen.getByText(STEPS.first)).toBeInTheDocument();
    expect(screen.getByText("ผู้สูงอายุ 5 คนที่ป้ายหน้าตลาด")).toBeInTheDocument();
    expect(screen.getByText("Iterate")).toBeInTheDocument();
    expect(screen.getByText(/ขยายไปอีก 3 ป้าย ในเขตบางกะปิ/)).toBeInTheDocument();
  });
});
