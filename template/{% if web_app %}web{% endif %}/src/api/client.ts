// The one way the app calls the API: a typed client generated from the backend's OpenAPI schema
// (schema.d.ts, `make web-client`; never edited by hand) that adds the signed-in user's id token
// to every request and turns every failure into an ApiError with the API's reason.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

export type Api = Client<paths>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The reason in an error body: FastAPI's `detail` (a sentence, or validation errors), or API
 * Gateway's `message` (401, 403, 429). */
export function reason(body: unknown, status: number): string {
  if (body && typeof body === "object") {
    const { detail, message } = body as { detail?: unknown; message?: unknown };
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail
        .map((item: { loc?: unknown[]; msg?: string }) => {
          const field = item.loc?.filter((part) => part !== "body").join(".");
          return field ? `${field}: ${item.msg}` : String(item.msg);
        })
        .join("; ");
    }
    if (typeof message === "string") return message;
  }
  return `The request failed (HTTP ${status})`;
}

export interface ApiOptions {
  baseUrl: string;
  /** The id token to send, or undefined when nobody is signed in. */
  idToken: () => Promise<string | undefined>;
  /** Called when the API refuses the token (expired, revoked): the session is over. */
  onUnauthorized: () => void;
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
    async onResponse({ response }) {
      if (response.ok) return response;
      if (response.status === 401) onUnauthorized();
      const body = await response
        .clone()
        .json()
        .catch(() => undefined);
      throw new ApiError(response.status, reason(body, response.status));
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

let current: Api | undefined;

export function setApi(api: Api): void {
  current = api;
}

/** The app's API client (set once the client config is loaded). */
export function api(): Api {
  if (!current) throw new Error("The API client is not configured yet");
  return current;
}

/** The data of a call that succeeded (failures already threw ApiError in the middleware). */
export async function data<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}
