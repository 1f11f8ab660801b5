// What the unit tests of screens share: the providers a screen needs, and an API whose answers
// a test gives (the requests it received are kept for the test to read).
import { readFileSync } from "node:fs";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { createApi, createPublicApi, setApi } from "./api/client";
import { I18nProvider } from "./i18n";
import { SiteProvider } from "./site";

/** `children` as the users' app shows them, at `path` (the router's location). */
export function wrap(children: ReactNode, path = "/") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <I18nProvider>
      <SiteProvider value={{ capabilities: [], home: "/", admin: false }}>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
        </QueryClientProvider>
      </SiteProvider>
    </I18nProvider>
  );
}

/** The signed-in API answering every request with `answer(request)` (a body as JSON, a
 * Response as it is, nothing: 204); returns the requests it got. */
export function fakeApi(answer: (request: Request) => unknown): Request[] {
  const requests: Request[] = [];
  const answering = async (request: Request) => {
    requests.push(request);
    const body = answer(request);
    if (body instanceof Response) return body;
    return body === undefined ? new Response(null, { status: 204 }) : Response.json(body);
  };
  const fetch = answering as unknown as typeof globalThis.fetch; // openapi-fetch sends Requests
  setApi(
    createApi({ baseUrl: "https://api.example.com/dev", idToken: async () => "id-token", onUnauthorized: () => {}, fetch }),
    createPublicApi("https://public.example.com", fetch),
  );
  return requests;
}

interface Property {
  maxLength?: number;
  maxItems?: number;
  anyOf?: Property[];
}

/** The limit the API's OpenAPI document gives a field (build/openapi.json, `make openapi`): what
 * the app's own limits are checked against. */
export function apiLimit(schema: string, field: string): number | undefined {
  const document = JSON.parse(readFileSync("../build/openapi.json", "utf8")); // Vitest runs in web/
  const property: Property = document.components.schemas[schema].properties[field];
  return (property.anyOf ?? [property]).map((each) => each.maxLength ?? each.maxItems).find(Boolean);
}
