// The signed-in user's profile (GET/PATCH /me), cached for every screen that shows it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, data } from "../../api/client";
import type { Profile, ProfileChanges } from "../../api/types";

export const PROFILE = ["me"] as const;

/** Right after sign-up the post-confirmation trigger may still be writing the profile (the
 * local stack runs it within a second): a 404 is retried a few times before it is shown. */
function retryUntilCreated(failures: number, error: Error): boolean {
  return error instanceof ApiError && error.status === 404 && failures < 8;
}

export function useProfile() {
  return useQuery({
    queryKey: PROFILE,
    queryFn: () => data(api().GET("/me")),
    retry: retryUntilCreated,
    retryDelay: 750,
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => data(api().PATCH("/me", { body: changes })),
    onSuccess: (profile: Profile) => client.setQueryData(PROFILE, profile),
  });
}
