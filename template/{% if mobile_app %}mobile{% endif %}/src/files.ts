// What the pickers give, as the file web's uploadFile (web/src/api/upload.ts) sends: in the web
// build the browser's own File; on a phone React Native's FormData part {uri, name, type}, which
// it reads from the uri, with the size the picker measured.
import type { DocumentPickerAsset } from "expo-document-picker";
import type { ImagePickerAsset } from "expo-image-picker";

export function asFile(asset: ImagePickerAsset | DocumentPickerAsset): File {
  if (asset.file) return asset.file;
  const picked = asset as Partial<ImagePickerAsset & DocumentPickerAsset>;
  const name = picked.fileName ?? picked.name ?? asset.uri.split("/").pop() ?? "file";
  const size = picked.fileSize ?? picked.size ?? 0;
  return { uri: asset.uri, name, type: asset.mimeType ?? "", size } as unknown as File;
}
