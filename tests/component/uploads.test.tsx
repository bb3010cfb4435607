import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type WorkshopContextValue, WorkshopProvider } from "../../client/sync/context";
import { ImagePicker } from "../../client/uploads/ImagePicker";
import { StoredImage } from "../../client/uploads/StoredImage";
import { createWorkshopDocs, type ParticipantId, type Role } from "../../shared";

afterEach(() => vi.unstubAllGlobals());

const PNG_HEADER = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function inWorkshop(children: ReactNode, role: Role = "team", withApi = true) {
  const value: WorkshopContextValue = {
    docs: createWorkshopDocs(),
    awareness: null,
    self: { id: "me-0001" as ParticipantId, name: "Somchai", color: "#1d4ed8", role },
    readOnly: role === "observer",
    api: withApi ? { workshopId: "w2345678abcd", token: "role-token", participantToken: null } : undefined,
  };
  return render(<WorkshopProvider value={value}>{children}</WorkshopProvider>);
}

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

// "All files" in the dialog: a user can pick anything whatever `accept` says.
const user = () => userEvent.setup({ applyAccept: false });

describe("image picker", () => {
  it("uploads the chosen image and hands its id back", async () => {
    let respond: (response: Response) => void = () => {};
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (respond = resolve)));
    vi.stubGlobal("fetch", fetch);
    const onUploaded = vi.fn();
    inWorkshop(<ImagePicker label="Picture for step 1" onUploaded={onUploaded} />);
    await user().upload(
      screen.getByLabelText("Picture for step 1"),
      new File([PNG_HEADER], "a.png", { type: "image/png" }),
    );
    expect(screen.getByRole("status")).toHaveTextContent("Uploading…");
    expect(screen.getByLabelText("Picture for step 1")).toBeDisabled();
    respond(answer(201, { id: "img-1", type: "image/png", bytes: 8 }));
    await vi.waitFor(() => expect(onUploaded).toHaveBeenCalledWith("img-1", expect.anything()));
    expect(fetch).toHaveBeenCalledWith(
      "/api/workshops/w2345678abcd/images",
      expect.objectContaining({
        method: "POST",
        headers: expect.objectContaining({ authorization: "Bearer role-token" }),
      }),
    );
    expect(screen.getByRole("status")).toHaveTextContent("Image added.");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says why a file is refused: wrong type or too large before sending, the server's reason after", async () => {
    const fetch = vi.fn(async () => answer(500, { error: "internal", message: "the disk is full" }));
    vi.stubGlobal("fetch", fetch);
    inWorkshop(<ImagePicker label="Picture" onUploaded={() => {}} />);
    const input = screen.getByLabelText("Picture");

    await user().upload(
      input,
      new File([new Uint8Array([0x4d, 0x5a])], "photo.exe", { type: "application/x-msdownload" }),
    );
    expect(await screen.findByRole("alert")).toHaveTextContent("This file is not a PNG, JPEG or WebP image.");

    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], "big.png", { type: "image/png" });
    await user().upload(input, big);
    expect(await screen.findByRole("alert")).toHaveTextContent("This image is 5.1 MB; the limit is 5 MB.");
    expect(fetch).not.toHaveBeenCalled();

    await user().upload(input, new File([PNG_HEADER], "a.png", { type: "image/png" }));
    expect(await screen.findByText("The image could not be added: the disk is full")).toHaveAttribute(
      "role",
      "alert",
    );
  });

  it("shows the server's refusal of a disguised file", async () => {
    vi.stubGlobal("fetch", async () =>
      answer(415, {
        error: "unsupported_image",
        message: "only PNG, JPEG or WebP images are accepted; this file looks like application/x-elf",
      }),
    );
    inWorkshop(<ImagePicker label="Picture" onUploaded={() => {}} />);
    await user().upload(
      screen.getByLabelText("Picture"),
      new File([new Uint8Array([0x7f, 0x45])], "x.png", { type: "image/png" }),
    );
    expect(await screen.findByRole("alert")).toHaveTextContent("This file is not a PNG, JPEG or WebP image.");
  });

  it("is not offered to citizens and observers", () => {
    inWorkshop(<ImagePicker label="Picture" onUploaded={() => {}} />, "citizen");
    expect(screen.queryByLabelText("Picture")).not.toBeInTheDocument();
  });
});

describe("stored image", () => {
  it("fetches with the role token once, shows it, and explains a missing image", async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith("/gone")
        ? answer(404, { error: "not_found", message: "no image" })
        : new Response(PNG_HEADER, { headers: { "content-type": "image/png" } }),
    );
    vi.stubGlobal("fetch", fetch);
    // jsdom has no blob: URLs.
    const blobUrls = { createObjectURL: vi.fn(() => "blob:test-1"), revokeObjectURL: vi.fn() };
    Object.assign(URL, blobUrls);
    try {
      const first = inWorkshop(<StoredImage imageId="one" alt="Step 1: the bus stop" />);
      expect(screen.getByText("Loading image…")).toBeInTheDocument();
      const image = await screen.findByRole("img", { name: "Step 1: the bus stop" });
      expect(image).toHaveAttribute("src", "blob:test-1");
      first.unmount();

      // Shown again (a panel reopened): straight from the cache, no loading state, no second request.
      inWorkshop(
        <>
          <StoredImage imageId="one" alt="Step 1: the bus stop" />
          <StoredImage imageId="gone" alt="Step 2" />
        </>,
      );
      expect(screen.getByRole("img", { name: "Step 1: the bus stop" })).toHaveAttribute("src", "blob:test-1");
      expect(await screen.findByText("This image is no longer available.")).toBeInTheDocument();
      expect(fetch.mock.calls.map(([url]) => url)).toEqual([
        "/api/workshops/w2345678abcd/images/one",
        "/api/workshops/w2345678abcd/images/gone",
      ]);
      expect(fetch.mock.calls[0]?.[1]).toMatchObject({ headers: { authorization: "Bearer role-token" } });
      expect(blobUrls.createObjectURL).toHaveBeenCalledTimes(1);
    } finally {
      Reflect.deleteProperty(URL, "createObjectURL");
      Reflect.deleteProperty(URL, "revokeObjectURL");
    }
  });

  it("shows a placeholder without REST credentials", () => {
    inWorkshop(<StoredImage imageId="one" alt="Step 1" />, "team", false);
    expect(screen.getByRole("img", { name: "Step 1" })).toHaveTextContent("Image");
  });
});
