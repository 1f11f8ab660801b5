// What the unit tests of screens share: the providers a screen needs, and an API whose answers
// a test gives (the requests it received are kept for the test to read).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { createApi, createPublicApi, setApi } from "./api/client";
import { I18nProvider } from "./i18n";
import { SiteProvider } from "./site";

/** `children` as the users' app shows them. */
export function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <I18nProvider>
      <SiteProvider value={{ capabilities: [], home: "/", admin: false }}>
        <QueryClientProvider client={client}>
          <MemoryRouter>{children}</MemoryRouter>
        </QueryClientProvider>
      </SiteProvider>
    </I18nProvider>
  );
}

/** The signed-in API answering every request with `answer(request)`; returns what it got. */
export function fakeApi(answer: (request: Request) => unknown): Request[] {
  const requests: Request[] = [];
  const answering = async (request: Request) => {
    requests.push(request);
    const body = answer(request);
    return body === undefined ? new Response(null, { status: 204 }) : Response.json(body);
  };
  const fetch = answering as unknown as typeof globalThis.fetch; // openapi-fetch sends Requests
  setApi(
    createApi({ baseUrl: "https://api.example.com/dev", idToken: async () => "id-token", onUnauthorized: () => {}, fetch }),
    createPublicApi("https://public.example.com", fetch),
  );
  return requests;
}
