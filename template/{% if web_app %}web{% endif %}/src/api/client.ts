// The one way the app calls the API: a typed client generated from the backend's OpenAPI schema
// (schema.d.ts, `make web-client`; never edited by hand) that adds the signed-in user's id token
// to every request and turns every failure into an ApiError with the API's reason.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Api = Client<paths>;
/** Every error of the API and of API Gateway: `{code, message, errors?}` (backend errors.py). */
export type ErrorBody = components["schemas"]["ErrorBody"];
export type ErrorCode = ErrorBody["code"];
/** A field of a request that failed validation: where, and what is wrong (`kind`, `limit`). */
export type FieldError = components["schemas"]["FieldError"];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The stable id to translate by; none when something else answered (a proxy, the network). */
    readonly code?: ErrorCode,
    /** validation_failed: each field's error */
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The error an answer's body describes: its English message and its code, or the status. */
export function errorOf(body: unknown, status: number): ApiError {
  const { code, message, errors } = (body ?? {}) as Partial<ErrorBody>;
  if (typeof message === "string") return new ApiError(status, message, code, errors ?? []);
  return new ApiError(status, `The request failed (HTTP ${status})`);
}

/** Why the API ended a session. */
export type SessionEnd = "expired" | "disabled" | "deleted";

export interface ApiOptions {
  baseUrl: string;
  /** The id token to send, or undefined when nobody is signed in. */
  idToken: () => Promise<string | undefined>;
  /** Called when the API refuses the token (expired, revoked) or the account (an administrator
   * disabled it): the session is over. */
  onUnauthorized: (reason: SessionEnd) => void;
  fetch?: typeof fetch;
}

export function createApi({ baseUrl, idToken, onUnauthorized, fetch }: ApiOptions): Api {
  const client = createClient<paths>({ baseUrl, ...(fetch ? { fetch } : {}) });
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = await idToken();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    async onResponse({ request, response }) {
      if (response.ok) return response;
      const body = await response
        .clone()
        .json()
        .catch(() => undefined);
      const error = errorOf(body, response.status);
      // Only a refused token ends a session: a call made once signed out (a list refetching
      // after a sign-out) must not replace why the session ended.
      if (request.headers.has("Authorization")) {
        if (response.status === 401) onUnauthorized("expired");
        if (error.code === "account_disabled") onUnauthorized("disabled");
      }
      throw error;
    },
    onError({ error }) {
      // fetch itself failed: offline, CORS, the API is down
      const message = error instanceof Error ? error.message : String(error);
      return new ApiError(0, `The API could not be reached (${message})`);
    },
  };
  client.use(auth);
  return client;
}

/** A client of the public face (custom.public_api_url): the public GET routes, cached by
 * CloudFront, which forwards no token; none is sent. */
export function createPublicApi(baseUrl: string, fetch?: typeof globalThis.fetch): Api {
  return createApi({ baseUrl, idToken: async () => undefined, onUnauthorized: () => {}, fetch });
}

let current: { api: Api; publicApi: Api } | undefined;

export function setApi(api: Api, publicApi: Api): void {
  current = { api, publicApi };
}

function configured() {
  if (!current) throw new Error("The API client is not configured yet");
  return current;
}

/** The app's API client (set once the client config is loaded). */
export function api(): Api {
  return configured().api;
}

/** The public face's client, for what anyone may read. */
export function publicApi(): Api {
  return configured().publicApi;
}

/** The data of a call that succeeded (failures already threw ApiError in the middleware). */
export async function data<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

/** What a list the API returns a page at a time takes: the page size, and where the last ended. */
export interface CursorQuery {
  limit: number;
  cursor?: string;
}

/** useInfiniteQuery's paging for such a list: `load` fetches the page the query names, and the
 * next page starts at the page's next_cursor (none: the list is complete). */
export function pagedByCursor<Page extends { next_cursor?: string | null }>(
  limit: number,
  load: (query: CursorQuery) => Promise<Page>,
) {
  return {
    queryFn: ({ pageParam }: { pageParam: string | undefined }) =>
      load({ limit, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: Page) => page.next_cursor ?? undefined,
  };
}
