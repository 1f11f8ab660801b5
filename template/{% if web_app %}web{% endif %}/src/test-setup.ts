import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// Test files share a worker's jsdom (vite.config.ts): each leaves it as it found it.
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
