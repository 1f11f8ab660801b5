import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApi, createPublicApi, setApi } from "../../api/client";
import { I18nProvider } from "../../i18n";
import { JobsPage } from "./JobsPage";

const EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:purge-uploads:1";

/** The page against an API whose GET /admin/jobs says `startable`; returns the requests made. */
function renderPage(startable: boolean) {
  const requests: string[] = [];
  const answer = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    requests.push(`${request.method} ${path}`);
    if (request.method === "GET") return Response.json({ names: ["purge-uploads", "reindex"], startable });
    return Response.json({ job: "purge-uploads", execution_id: EXECUTION }, { status: 202 });
  });
  const fetch = answer as unknown as typeof globalThis.fetch;
  const api = createApi({ baseUrl: "https://api.example.com", idToken: async () => "t", onUnauthorized: () => {}, fetch });
  setApi(api, createPublicApi("https://public.example.com", fetch));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <I18nProvider>
      <QueryClientProvider client={client}>
        <JobsPage />
      </QueryClientProvider>
    </I18nProvider>,
  );
  return requests;
}

describe("the jobs page", () => {
  beforeEach(() => localStorage.setItem("lang", "en"));

  it("starts a listed job after confirming and shows its execution", async () => {
    const requests = renderPage(true);
    await userEvent.click(await screen.findByRole("button", { name: "Start purge-uploads" }));
    expect(screen.getByRole("button", { name: "Start reindex" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Yes, start it" }));
    expect((await screen.findByRole("status")).textContent).toContain(EXECUTION);
    expect(requests).toEqual(["GET /admin/jobs", "POST /admin/jobs/purge-uploads"]);
    expect(screen.queryByText(/^Jobs run in Step Functions on a deployed stage/)).toBeNull();
  });

  it("on the local stack, lists the jobs with their command and starts none", async () => {
    const requests = renderPage(false);
    expect(await screen.findByText(/^Jobs run in Step Functions on a deployed stage/)).toBeTruthy();
    expect(screen.getByRole("rowheader", { name: "reindex" })).toBeTruthy();
    expect(screen.getByText("make job NAME=purge-uploads")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(requests).toEqual(["GET /admin/jobs"]);
  });
});
