"""The rendered projects' phase table: where `make test`'s time went, per project and phase.

Each rendered project's Makefile prints `[time] <phase>: <seconds> s` lines; the render tests
keep them in build/timings/<project>.json (conftest.run_make), and the suite prints this table
at its end. `make timings` prints it again from the last run.
"""

import json
import sys
from pathlib import Path

# The phases in the order a `make test` runs them; others (a new phase) follow.
ORDER = [
    "uv sync", "npm ci client", "npm ci iam", "npm ci web", "bundle", "lint", "web typecheck",
    "vitest", "web build", "pytest collection", "pytest backend/tests", "pytest infra/tests",
    "pytest local/tests", "pytest", "chromium", "browser tests", "synth", "make test (all)",
]  # fmt: skip


def phase_table(folder: Path) -> str:
    """A Markdown table: one row per project (named sets first), one column per phase, and
    the sum of each column; `make test (all)` is the whole run as the test saw it."""
    runs = {path.stem: json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))}
    if not runs:
        return "(no rendered project was timed)"
    seen = {phase for timed in runs.values() for phase in timed}
    columns = [p for p in ORDER if p in seen] + sorted(seen - set(ORDER))
    names = sorted(runs, key=lambda name: (name.startswith("pair-"), name))
    lines = [
        "| project | " + " | ".join(columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for name in names:
        cells = [f"{runs[name][c]:.0f}" if c in runs[name] else "—" for c in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    sums = [f"{sum(t.get(c, 0.0) for t in runs.values()):.0f}" for c in columns]
    lines.append("| **sum** | " + " | ".join(sums) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(phase_table(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/timings")))
