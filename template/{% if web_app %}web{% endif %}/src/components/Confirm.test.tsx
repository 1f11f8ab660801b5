import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { Confirm } from "./Confirm";

function renderConfirm(onConfirm: (close: () => void) => void) {
  localStorage.setItem("lang", "en");
  render(
    <I18nProvider>
      <Confirm label="Delete" question="Delete it for good?" yes="Yes, delete it" pending={false} onConfirm={onConfirm} />
    </I18nProvider>,
  );
}

describe("Confirm", () => {
  it("asks first, with the focus on cancelling, and acts only on yes", async () => {
    const onConfirm = vi.fn();
    renderConfirm(onConfirm);
    await userEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect(screen.getByRole("group", { name: "Delete it for good?" })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    await userEvent.keyboard("{Enter}"); // the harmless choice
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Delete" })).toBeTruthy();
  });

  it("closes the question when the action says so", async () => {
    let close = () => {};
    renderConfirm((done) => (close = done));
    await userEvent.click(screen.getByRole("button", { name: "Delete" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, delete it" }));
    expect(screen.getByRole("group", { name: "Delete it for good?" })).toBeTruthy(); // still pending
    act(() => close());
    expect(screen.queryByRole("group")).toBeNull();
  });
});
