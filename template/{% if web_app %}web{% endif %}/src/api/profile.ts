// The signed-in user's profile (GET/PATCH /me), cached for every screen that shows it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, data } from "./client";
import type { Profile, ProfileChanges } from "./types";

export const PROFILE = ["me"] as const;
/** The API's limit (backend profiles.DISPLAY_NAME_MAX): it refuses more with a reason. */
export const DISPLAY_NAME_MAX = 50;

/** GET /me makes the profile if no trigger did yet (backend profiles.py): a 404 means the
 * account is gone, shown at once. */
export function useProfile() {
  return useQuery({ queryKey: PROFILE, queryFn: () => data(api().GET("/me")) });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => data(api().PATCH("/me", { body: changes })),
    onSuccess: (profile: Profile) => client.setQueryData(PROFILE, profile),
  });
}
