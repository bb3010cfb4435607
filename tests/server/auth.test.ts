import { afterEach, describe, expect, it } from "vitest";
import { cleanup, createWorkshop, startTestServer, syncUrl, upgradeStatus } from "./helpers";

afterEach(cleanup);

describe("upgrade authorization", () => {
  it("refuses missing and wrong tokens with 401, unknown workshops with 404, bad rooms with 400", async () => {
    const server = await startTestServer();
    const workshop = await createWorkshop(server.url);
    const base = syncUrl(server.url);

    expect(await upgradeStatus(`${base}/${workshop.id}`)).toBe(401);
    expect(await upgradeStatus(`${base}/${workshop.id}?token=not-the-token`)).toBe(401);
    expect(await upgradeStatus(`${base}/${workshop.id}/control?token=`)).toBe(401);
    expect(await upgradeStatus(`${base}/zzzzzzzzzzzz?token=${workshop.tokens.facilitator}`)).toBe(404);
    expect(await upgradeStatus(`${base}/${workshop.id}/other?token=${workshop.tokens.facilitator}`)).toBe(
      400,
    );
    expect(await upgradeStatus(`${base}/NOT-AN-ID?token=${workshop.tokens.facilitator}`)).toBe(400);
    expect(await upgradeStatus(`${server.url.replace("http", "ws")}/elsewhere`)).toBe(404);
  });
});
