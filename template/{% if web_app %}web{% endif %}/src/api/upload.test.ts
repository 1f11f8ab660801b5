import { describe, expect, it } from "vitest";
import { postForm, storageReason, UploadError } from "./upload";

/** Enough of XMLHttpRequest for postForm: records what it was sent, answers when told. */
class FakeRequest {
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = "";
  opened: [string, string] | null = null;
  sent: FormData | null = null;
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  send(body: FormData) {
    this.sent = body;
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  answer(status: number, text = "") {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

describe("postForm", () => {
  it("posts the API's fields as they are, the file last, and reports progress", async () => {
    const request = new FakeRequest();
    const seen: number[] = [];
    const fields = { key: "public/x/a.png", "Content-Type": "image/png", policy: "p", "x-amz-signature": "s" };
    const file = new Blob(["png"], { type: "image/png" });
    const done = postForm("https://bucket.s3.amazonaws.com/", fields, file, (f) => seen.push(f), request as unknown as XMLHttpRequest);
    expect(request.opened).toEqual(["POST", "https://bucket.s3.amazonaws.com/"]);
    const names = [...(request.sent as FormData).keys()];
    expect(names).toEqual([...Object.keys(fields), "file"]);
    for (const [name, value] of Object.entries(fields)) expect(request.sent?.get(name)).toBe(value);
    request.progress(50, 200);
    request.answer(204);
    await done;
    expect(seen).toEqual([0.25, 1]);
  });

  it("fails with S3's reason", async () => {
    const request = new FakeRequest();
    const done = postForm("https://s3", {}, new Blob(["x"]), undefined, request as unknown as XMLHttpRequest);
    const body = "<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>";
    request.answer(400, body);
    await expect(done).rejects.toEqual(
      new UploadError("storage", "Your proposed upload exceeds the maximum allowed size"),
    );
  });
});

describe("storageReason", () => {
  it("falls back to the status", () => {
    expect(storageReason("", 503)).toBe("HTTP 503");
  });
});
