// The signed-in user's files: list, upload (with progress), delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, data } from "../../api/client";
import { uploadFile } from "../../api/upload";

export const FILES = ["files"] as const;

export function useFiles() {
  return useQuery({ queryKey: FILES, queryFn: () => data(api().GET("/files")) });
}

/** Uploads one file at a time; `progress` is 0..1 while it runs. */
export function useUpload(where: { level: "public" | "protected" | "private"; folder: string }) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      setProgress(0);
      return uploadFile(file, where, setProgress);
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
