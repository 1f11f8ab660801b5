import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { FileOut } from "../../api/types";
import { fakeApi, wrap } from "../../testing";
import { FilesPage } from "./FilesPage";

function file(key: string, fields: Partial<FileOut> = {}): FileOut {
  return {
    key,
    name: key.split("/").pop() as string,
    level: "private",
    url: `https://cdn.example.com/${key}`,
    content_type: "image/png",
    size: 2048,
    created_at: "2026-01-02T03:04:05+00:00",
    taken_down: false,
    ...fields,
  };
}

describe("the files page", () => {
  beforeEach(() => localStorage.setItem("lang", "en"));

  it("names each file as its owner did and says who can open it; a taken-down one opens for nobody", async () => {
    fakeApi(() => [
      file("private/id/uploads/3f2a.png", { name: "사진 (1).png" }),
      file("public/id/uploads/9c1b.pdf", { name: "Menu.pdf", level: "public", content_type: "application/pdf", taken_down: true }),
    ]);
    render(wrap(<FilesPage />));
    const cards = within(await screen.findByRole("list", { name: "Your files" })).getAllByRole("listitem");
    const [photo, menu] = cards as [HTMLElement, HTMLElement];
    expect(cards).toHaveLength(2);
    expect(within(photo).getByText("사진 (1).png")).toBeTruthy();
    expect(within(photo).getByText("Only you")).toBeTruthy();
    expect(within(photo).getByRole("link", { name: "Open 사진 (1).png" })).toBeTruthy();
    expect(within(menu).getByText("Anyone with the link")).toBeTruthy();
    expect(within(menu).getByText(/^Taken down by a moderator/)).toBeTruthy();
    expect(within(menu).queryByRole("link")).toBeNull();
  });

  it("uploads to private unless the user chooses otherwise", async () => {
    fakeApi(() => []);
    render(wrap(<FilesPage />));
    expect(await screen.findByText(/^No files yet/)).toBeTruthy();
    expect((screen.getByRole("radio", { name: "Only you" }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole("radio", { name: "Anyone with the link" }));
    expect((screen.getByRole("radio", { name: "Anyone with the link" }) as HTMLInputElement).checked).toBe(true);
  });

  it("deletes the file named on the button, then lists the files again", async () => {
    let listed = [file("private/id/uploads/a.png", { name: "a.png" }), file("private/id/uploads/b.png", { name: "b.png" })];
    const requests = fakeApi((request) => {
      if (request.method === "DELETE") {
        listed = listed.filter((each) => !decodeURIComponent(request.url).endsWith(each.key));
        return undefined;
      }
      return listed;
    });
    render(wrap(<FilesPage />));
    await userEvent.click(await screen.findByRole("button", { name: "Delete b.png" }));
    await screen.findByText("a.png");
    expect(screen.queryByText("b.png")).toBeNull();
    const deleted = requests.filter((request) => request.method === "DELETE");
    expect(deleted.map((request) => decodeURIComponent(request.url))).toEqual([
      "https://api.example.com/dev/files/private/id/uploads/b.png",
    ]);
  });
});
