import { describe, expect, it } from "vitest";
import { amplifyConfig, isConsolePath, loadOutputs, type Outputs } from "./config";

const outputs = (custom: Partial<Outputs["custom"]> = {}): Outputs => ({
  version: "1.4",
  auth: {
    aws_region: "ap-northeast-2",
    user_pool_id: "ap-northeast-2_Users",
    user_pool_client_id: "client",
    identity_pool_id: "ap-northeast-2:0000",
    username_attributes: ["email"],
  } as Outputs["auth"],
  custom: {
    api_url: "https://api.example.com/dev/",
    public_api_url: "https://public.example.com/",
    files_base_url: "https://cdn.example.com",
    ...custom,
  },
});

describe("amplifyConfig", () => {
  it("points Amplify's Cognito at the local stack when the file names local endpoints", () => {
    const local = { user_pool: "http://127.0.0.1:5000", identity_pool: "http://127.0.0.1:5001", s3: "x" };
    const cognito = amplifyConfig(outputs({ local_endpoints: local })).Auth?.Cognito;
    expect(cognito?.userPoolId).toBe("ap-northeast-2_Users");
    expect(cognito?.userPoolEndpoint).toBe("http://127.0.0.1:5000");
    expect(cognito?.identityPoolEndpoint).toBe("http://127.0.0.1:5001");
  });

  it("leaves AWS's own endpoints alone for a deployed stage's file", () => {
    const cognito = amplifyConfig(outputs()).Auth?.Cognito;
    expect(cognito?.userPoolId).toBe("ap-northeast-2_Users");
    expect(cognito?.userPoolEndpoint).toBeUndefined();
    expect(cognito?.identityPoolEndpoint).toBeUndefined();
  });
});

describe("loadOutputs", () => {
  it("reads /amplify_outputs.json from the app's own origin, never from a cache", async () => {
    const asked: [string, RequestInit | undefined][] = [];
    const fake = (async (url: string, init?: RequestInit) => {
      asked.push([url, init]);
      return new Response(JSON.stringify(outputs()));
    }) as typeof fetch;
    expect((await loadOutputs(fake)).custom.api_url).toBe("https://api.example.com/dev/");
    expect(asked).toEqual([["/amplify_outputs.json", { cache: "no-cache" }]]);
  });

  it("says which file is missing", async () => {
    const fake = (async () => new Response("no", { status: 404 })) as typeof fetch;
    await expect(loadOutputs(fake)).rejects.toThrow("/amplify_outputs.json could not be loaded (HTTP 404)");
  });
});

describe("isConsolePath", () => {
  it("is /admin and what is under it, nothing else", () => {
    expect(isConsolePath("/admin")).toBe(true);
    expect(isConsolePath("/admin/users")).toBe(true);
    expect(isConsolePath("/administrators")).toBe(false);
    expect(isConsolePath("/board/admin")).toBe(false);
    expect(isConsolePath("/")).toBe(false);
  });
});
