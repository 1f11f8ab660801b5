// Uploading a file the way the API wants it: a presigned form from POST /files/upload-url, the
// bytes straight to S3 (never through the API) with progress, then POST /files to register the
// key. The form's fields go back exactly as the API sent them and the key is never built here:
// the storage layout is the API's business.
import { api, data } from "./client";
import type { FileOut, UploadRequest } from "./types";

/** What the API accepts (its storage.EXTENSIONS); it refuses anything else with a reason. */
export const ACCEPTED_TYPES = [
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "application/pdf",
  "text/plain",
] as const satisfies readonly UploadRequest["content_type"][];

// The list above is the OpenAPI schema's (from storage.EXTENSIONS): a type the API adds fails the
// type check here, by name, until it is listed.
type Unlisted = Exclude<UploadRequest["content_type"], (typeof ACCEPTED_TYPES)[number]>;
export const EVERY_TYPE_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** The pictures among them: what a profile picture or a post's attachment may be. */
export const IMAGE_TYPES = ACCEPTED_TYPES.filter((type) => type.startsWith("image/"));

/** Why an upload failed before or at S3: a type the API refuses, a file over its size limit
 * (`detail`: the limit in bytes), or S3's own answer (`detail`: its reason). */
export class UploadError extends Error {
  constructor(
    readonly kind: "type" | "size" | "storage",
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = "UploadError";
  }
}

/** POST a browser form to S3 with upload progress (fetch reports none); resolves on 2xx. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  file: Blob,
  onProgress: (fraction: number) => void = () => {},
  request: XMLHttpRequest = new XMLHttpRequest(),
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", file); // S3 reads fields up to the file: it goes last
  return new Promise((resolve, reject) => {
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new UploadError("storage", storageReason(request.responseText, request.status)));
      }
    };
    request.onerror = () => reject(new UploadError("storage", "network error"));
    request.open("POST", url);
    request.send(form);
  });
}

/** S3's reason in its XML error body (<Message>), else the status. */
export function storageReason(body: string, status: number): string {
  return /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? `HTTP ${status}`;
}

// The longest file name the API keeps (storage.MAX_NAME_LENGTH).
const MAX_NAME_LENGTH = 255;

export async function uploadFile(
  file: File,
  where: Pick<UploadRequest, "level" | "folder">,
  onProgress?: (fraction: number) => void,
): Promise<FileOut> {
  if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) {
    throw new UploadError("type", file.type || "?");
  }
  const content_type = file.type as UploadRequest["content_type"];
  // The file's own name travels as its metadata, shown in lists; the key stays the API's.
  const name = file.name.slice(0, MAX_NAME_LENGTH) || undefined;
  const form = await data(
    api().POST("/files/upload-url", { body: { content_type, name, ...where } }),
  );
  if (file.size > form.max_bytes) throw new UploadError("size", String(form.max_bytes));
  await postForm(form.url, form.fields, file, onProgress);
  return data(api().POST("/files", { body: { key: form.key } }));
}
