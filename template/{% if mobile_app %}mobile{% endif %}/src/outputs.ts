// The loaded client config, for the screens that read it (what users sign in with, MFA).
import { createContext, useContext } from "react";
import type { Outputs } from "@web/auth/config";

export const OutputsContext = createContext<Outputs | null>(null);

export function useOutputs(): Outputs {
  const outputs = useContext(OutputsContext);
  if (!outputs) throw new Error("useOutputs needs the client config loaded (app/_layout.tsx)");
  return outputs;
}
