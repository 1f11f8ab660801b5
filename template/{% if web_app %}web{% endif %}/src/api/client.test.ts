import { describe, expect, it, vi } from "vitest";
import { ApiError, createApi, errorOf, pagedByCursor } from "./client";

function fakeFetch(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request);
    const text = body === undefined ? null : JSON.stringify(body);
    return new Response(text, { status, headers: { "Content-Type": "application/json" } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

function apiWith(status: number, body: unknown, token: string | undefined) {
  const { fetch, requests } = fakeFetch(status, body);
  const onUnauthorized = vi.fn();
  const api = createApi({ baseUrl: "https://api.example.com/dev", idToken: async () => token, onUnauthorized, fetch });
  return { api, requests, onUnauthorized };
}

describe("the API client", () => {
  it("sends the signed-in user's id token", async () => {
    const { api, requests } = apiWith(200, { id: "1" }, "id-token");
    const { data } = await api.GET("/me");
    expect(data).toEqual({ id: "1" });
    expect(requests[0]?.url).toBe("https://api.example.com/dev/me");
    expect(requests[0]?.headers.get("Authorization")).toBe("Bearer id-token");
  });

  it("sends no Authorization header when nobody is signed in", async () => {
    const { api, requests } = apiWith(200, { status: "ok" }, undefined);
    await api.GET("/health");
    expect(requests[0]?.headers.has("Authorization")).toBe(false);
  });

  it("ends the session when the gateway refuses the token", async () => {
    const { api, onUnauthorized } = apiWith(401, { code: "unauthorized", message: "Unauthorized" }, "expired-token");
    const failure = api.GET("/me");
    await expect(failure).rejects.toEqual(new ApiError(401, "Unauthorized", "unauthorized"));
    expect(onUnauthorized).toHaveBeenCalledExactlyOnceWith("expired");
  });

  it("ends no session when a call made without a token is refused", async () => {
    const { api, onUnauthorized } = apiWith(401, { code: "unauthorized", message: "Unauthorized" }, undefined);
    await expect(api.GET("/me")).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("ends the session of an account an administrator disabled", async () => {
    const body = { code: "account_disabled", message: "This account is disabled" };
    const { api, onUnauthorized } = apiWith(403, body, "id-token");
    await expect(api.GET("/me")).rejects.toMatchObject({ status: 403, code: "account_disabled" });
    expect(onUnauthorized).toHaveBeenCalledExactlyOnceWith("disabled");
  });

  it("fails other refusals with the API's reason, keeping the session", async () => {
    const body = { code: "file_not_found", message: "No such file of yours" };
    const { api, onUnauthorized } = apiWith(404, body, "id-token");
    const failure = api.DELETE("/files/{key}", { params: { path: { key: "public/a.png" } } });
    await expect(failure).rejects.toMatchObject({ status: 404, code: "file_not_found", message: "No such file of yours" });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("says when the API cannot be reached", async () => {
    const fetch = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof globalThis.fetch;
    const api = createApi({ baseUrl: "https://api.example.com", idToken: async () => "t", onUnauthorized: () => {}, fetch });
    await expect(api.GET("/me")).rejects.toMatchObject({ status: 0 });
  });
});

describe("errorOf", () => {
  it("takes the message, the code and the fields of a validation error", () => {
    const body = {
      code: "validation_failed",
      message: "body.display_name: String should have at most 50 characters",
      errors: [
        { field: "body.display_name", message: "String should have at most 50 characters", kind: "string_too_long", limit: 50 },
      ],
    };
    expect(errorOf(body, 422)).toEqual(
      new ApiError(422, "body.display_name: String should have at most 50 characters", "validation_failed", body.errors),
    );
  });

  it("falls back to the status when something else answered", () => {
    expect(errorOf(undefined, 502)).toEqual(new ApiError(502, "The request failed (HTTP 502)"));
    expect(errorOf("<html>Bad gateway</html>", 502).code).toBeUndefined();
  });
});

describe("pagedByCursor", () => {
  it("asks for the first page without a cursor, then from each page's next_cursor to the end", async () => {
    const asked: unknown[] = [];
    const paging = pagedByCursor(20, async (query) => {
      asked.push(query);
      return { items: [], next_cursor: query.cursor ? null : "page-2" };
    });
    const first = await paging.queryFn({ pageParam: paging.initialPageParam });
    const next = paging.getNextPageParam(first);
    const last = await paging.queryFn({ pageParam: next });
    expect(asked).toEqual([{ limit: 20 }, { limit: 20, cursor: "page-2" }]);
    expect(next).toBe("page-2");
    expect(paging.getNextPageParam(last)).toBeUndefined();
  });
});
