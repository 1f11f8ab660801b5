// The jobs an administrator can start (GET /admin/jobs), and starting one (POST /admin/jobs/{name}).
import { useMutation, useQuery } from "@tanstack/react-query";
import { api, data } from "../../api/client";

export function useJobs() {
  return useQuery({ queryKey: ["admin", "jobs"], queryFn: () => data(api().GET("/admin/jobs")) });
}

export function useStartJob() {
  return useMutation({
    mutationFn: (name: string) => data(api().POST("/admin/jobs/{name}", { params: { path: { name } } })),
  });
}

/** What runs job `name` on the local stack, whose API starts none (they need Step Functions). */
export function localCommand(name: string): string {
  return `make job NAME=${name}`;
}
