// The signed-in user's files: list, upload (with progress), delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, data } from "../../api/client";
import type { FileOut } from "../../api/types";
import { uploadFile } from "../../api/upload";

export const FILES = ["files"] as const;

export function useFiles() {
  return useQuery({ queryKey: FILES, queryFn: () => data(api().GET("/files")) });
}

export type Level = FileOut["level"];
// Who may read a file at each level (the storage conventions; docs/security.md's table).
export const LEVELS: readonly Level[] = ["private", "protected", "public"];

/** Uploads one file at a time, at the level given with it; `progress` is 0..1 while it runs. */
export function useUpload(folder: string) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: ({ file, level }: { file: File; level: Level }) => {
      setProgress(0);
      return uploadFile(file, { level, folder }, setProgress);
    },
    onSettled: () => {
      setProgress(null);
      return client.invalidateQueries({ queryKey: FILES });
    },
  });
  return { ...mutation, progress };
}

export function useDeleteFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => data(api().DELETE("/files/{key}", { params: { path: { key } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: FILES }),
  });
}
