"""`make bench`: what the template costs, each figure side by side with its baseline.

Renders the default and the all-options project into build/bench/, builds them (`make install
bundle web-build`) and prints one markdown table, also written to build/bench/results.md. This
machine is shared and noisy, so figures are medians of interleaved runs and compared as ratios. A
missed target is reported in the table, never an exit code: this is a report, not a test. It
renders and builds with the test suite's helpers (tests/conftest.py: the Makefile puts tests/ on
the path).
"""

import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from conftest import TEMPLATE, UV, render, run_make
from option_sets import OPTION_SETS

BENCH = TEMPLATE / "build" / "bench"
PROJECTS = ("defaults", "all-options")
IMPORT_RUNS = 15
RENDER_RUNS = 5
SYNTH_RUNS = 3
MB = 1024 * 1024
AWS_UNZIPPED_LIMIT = 250 * MB
# issue #26: the sign-in form usable after at most this much JavaScript (gzip)
FIRST_SCREEN_JS_KB = 200

# The environment the API function gets (infra stage.py), with made-up resource names.
LAMBDA_ENVIRONMENT = {
    "APP_STAGE": "dev",
    "APP_REGION": "ap-northeast-2",
    "APP_PROJECT_NAME": "Bench",
    "APP_USERS_TABLE": "bench-dev-users",
    "APP_FILES_TABLE": "bench-dev-files",
    "APP_FILES_BUCKET": "bench-dev-files",
    "APP_FILES_BASE_URL": "https://d111111abcdef8.cloudfront.net",
    "APP_USER_POOL_ID": "ap-northeast-2_Example",
    "APP_ADMIN_USER_POOL_ID": "ap-northeast-2_Admins",
    "APP_IDENTITY_POOL_ID": "ap-northeast-2:00000000-0000-4000-8000-000000000000",
    "APP_ALLOWED_ORIGINS": '["https://app.example.com"]',
}

BARE_APP = '''"""The baseline: a bare FastAPI app behind Mangum."""

from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


handler = Mangum(app, lifespan="off")
'''

ONE_BUCKET_APP = """import os
import re

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3

app = cdk.App(outdir=os.environ["CDK_OUTDIR"])
s3.Bucket(cdk.Stack(app, "OneBucket"), "Bucket")
app.synth()
"""

# Run by the project's Python with its infra package importable: bundle.py as `make bundle` uses
# it, for this machine's CPU and Python, or compiling a copy of build/lambda.
BUILD_FOR_HOST = """import sys
from pathlib import Path
from stacks.bundle import build
build(Path(sys.argv[1]), python=sys.executable, compiler=sys.executable)
"""
COMPILE_FOR_LAMBDA = """import sys
from pathlib import Path
from stacks.bundle import TASK_ROOT, compile_bytecode
compile_bytecode(Path(sys.argv[1]), sys.executable, TASK_ROOT)
"""
HOST_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"

# Counts the operations (method and path) the app builds at a cold start, with
# LAMBDA_ENVIRONMENT: what an added route costs there (routes that wait for their first request,
# app.RoutesOnFirstUse, cost it nothing and are not counted).
ROUTE_COUNTER = (
    "from api.app import RoutesOnFirstUse, create_app\n"
    "app = create_app()\n"
    "waiting = tuple(r.prefix for r in app.routes if isinstance(r, RoutesOnFirstUse))\n"
    "paths = app.openapi()['paths']\n"
    "print(sum(len(ops) for path, ops in paths.items() if not path.startswith(waiting)))\n"
)

# Prints how long a fresh interpreter takes to import a module, and where it found it.
IMPORT_TIMER = (
    "import importlib, sys, time\n"
    "started = time.perf_counter()\n"
    "module = importlib.import_module(sys.argv[1])\n"
    "print(time.perf_counter() - started, module.__file__)\n"
)


@dataclass
class Row:
    figure: str
    measured: str
    baseline: str = "—"
    ratio: float | None = None
    target: str = "report"
    ok: bool | None = None

    def cells(self) -> list[str]:
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}×"
        ok = {True: "yes", False: "**no**", None: "—"}[self.ok]
        return [self.figure, self.measured, self.baseline, ratio, self.target, ok]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    return env | extra


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-4000:]
        sys.exit(f"{' '.join(map(str, command))} failed:\n{output}")
    return result


def timed(command: list, **kwargs) -> float:
    started = time.perf_counter()
    run(command, **kwargs)
    return time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms"


def copier_render() -> Row:
    """The CLI as users run it, with copier's bytecode cached (as pip installs it)."""
    copier = Path(sys.executable).with_name("copier")
    env = clean_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [copier, "copy", "--defaults", "--trust", "--quiet", "--vcs-ref", "HEAD", TEMPLATE]
    renders = BENCH / "copier"
    times = [timed([*command, renders / f"{i}"], env=env) for i in range(RENDER_RUNS + 1)][1:]
    shutil.rmtree(renders)
    seconds = statistics.median(times)
    return Row(
        "`copier copy`, default project", f"{seconds:.2f} s", target="≤ 2 s", ok=seconds <= 2
    )


def in_project(project: Path, script: str, *args: object, path: str = "infra") -> str:
    """Run `script` with the project's Python and `path` (its infra package: bundle.py)
    importable; returns what it printed."""
    python = project / ".venv" / "bin" / "python"
    env = clean_env(PYTHONPATH=str(project / path), **LAMBDA_ENVIRONMENT)
    return run([python, "-c", script, *args], env=env, cwd=project).stdout


def host_bundles(project: Path, scratch: Path) -> dict[str, Path]:
    """The project's bundle for this machine's CPU and Python, with and without its bytecode,
    and the same requirements installed plainly (pydantic.v1 and all) for the bare app.

    build/lambda holds arm64 wheels for Lambda's Python, which this interpreter cannot load; the
    bundle is built the same way (bundle.build) for this machine, compiled by this Python.
    """
    names = ("bytecode", "source", "bare", "bare-bytecode")
    folders = {name: scratch / project.name / name for name in names}
    in_project(project, BUILD_FOR_HOST, folders["bytecode"])
    shutil.copytree(folders["bytecode"], folders["source"], ignore=shutil.ignore_patterns("*.pyc"))
    requirements = project / "build" / "lambda-requirements.txt"
    python = project / ".venv" / "bin" / "python"
    run([UV, "pip", "install", "--quiet", "--target", folders["bare"], "--no-deps",
         "--only-binary", ":all:", "--python", python, "--requirements", requirements])  # fmt: skip
    shutil.copytree(folders["bare"], folders["bare-bytecode"])
    run([python, "-m", "compileall", "-q", "-j0", folders["bare-bytecode"]])
    return folders


def import_times(python: Path, modules: dict[str, tuple[Path, str]], cwd: Path) -> dict:
    """Seconds to import each module in fresh interpreters, interleaved; name -> median.

    As on Lambda: the folder first on the path, the function's APP_* environment, no bytecode
    written (Lambda's /var/task is read-only).
    """
    times: dict[str, list[float]] = {name: [] for name in modules}
    for round_ in range(IMPORT_RUNS):
        order = list(modules) if round_ % 2 else list(reversed(modules))
        for name in order:
            folder, module = modules[name]
            env = clean_env(
                PYTHONPATH=f"{folder}:{cwd}", PYTHONDONTWRITEBYTECODE="1", **LAMBDA_ENVIRONMENT
            )
            seconds, where = run(
                [python, "-c", IMPORT_TIMER, module], env=env, cwd=cwd
            ).stdout.split()
            if not where.startswith(str(folder)) and module != "bare_app":
                sys.exit(f"{module} was imported from {where}, not {folder}")
            times[name].append(float(seconds))
    return {name: statistics.median(values) for name, values in times.items()}


def cold_imports(project: Path, bundles: dict[str, Path], bare_dir: Path) -> list[Row]:
    """`import <pkg>.handler` from the bundle with and without its bytecode, against the bare
    app from source (as Lambda ran every bundle before this one shipped bytecode) and, like for
    like, against the bare app with its bytecode."""
    handler = "api.handler"
    python = project / ".venv" / "bin" / "python"
    medians = import_times(
        python,
        {
            "bytecode": (bundles["bytecode"], handler),
            "source": (bundles["source"], handler),
            "bare": (bundles["bare"], "bare_app"),
            "bare-bytecode": (bundles["bare-bytecode"], "bare_app"),
        },
        bare_dir,
    )
    bare, bare_compiled = medians["bare"], medians["bare-bytecode"]
    baseline = f"{ms(bare)} bare FastAPI + Mangum from source"
    like_for_like = medians["bytecode"] / bare_compiled
    return [
        Row(
            f"handler cold import, {project.name}, bytecode, like for like",
            ms(medians["bytecode"]), f"{ms(bare_compiled)} bare FastAPI + Mangum with bytecode",
            like_for_like, "≤ 1.15×", like_for_like <= 1.15,
        ),
        Row(
            f"handler cold import, {project.name}, with the bundle's bytecode "
            f"(Python {HOST_PYTHON} here)",
            ms(medians["bytecode"]), baseline, medians["bytecode"] / bare, "≤ 0.6×",
            medians["bytecode"] / bare <= 0.6,
        ),
        Row(
            f"handler cold import, {project.name}, sources only (built without Lambda's Python)",
            ms(medians["source"]), baseline, medians["source"] / bare, "≤ 1.1×",
            medians["source"] / bare <= 1.1,
        ),
    ]  # fmt: skip


def route_cost(projects: dict[str, Path], bundles: dict[str, dict[str, Path]], cwd: Path) -> Row:
    """What one more route adds to a cold start: the all-options handler's import time over the
    defaults' (both with bytecode, interleaved in one run), per route it has beyond theirs."""
    routes = {name: int(in_project(projects[name], ROUTE_COUNTER, path="backend/src"))
              for name in PROJECTS}  # fmt: skip
    handlers = {name: (bundles[name]["bytecode"], "api.handler")
                for name in PROJECTS}  # fmt: skip
    medians = import_times(projects["defaults"] / ".venv" / "bin" / "python", handlers, cwd)
    added = routes["all-options"] - routes["defaults"]
    per_route = (medians["all-options"] - medians["defaults"]) / added
    return Row(
        f"cold import per added route ({routes['defaults']} built at a cold start in defaults, "
        f"{routes['all-options']} in all-options), with bytecode",
        ms(per_route),
        f"{ms(medians['defaults'])} defaults, {ms(medians['all-options'])} all-options",
    )


def import_profile(project: Path, bundle: Path, runs: int = 5) -> str:
    """`python -X importtime` of the handler from the bytecode bundle: the 10 modules that take
    longest themselves (median of `runs` fresh interpreters), as a markdown table."""
    python = project / ".venv" / "bin" / "python"
    env = clean_env(PYTHONPATH=str(bundle), PYTHONDONTWRITEBYTECODE="1", **LAMBDA_ENVIRONMENT)
    handler = "api.handler"
    samples: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        report = run([python, "-X", "importtime", "-c", f"import {handler}"], env=env).stderr
        for line in report.splitlines()[1:]:  # the first line is the header
            own, cumulative, module = line.removeprefix("import time:").split("|")
            samples.setdefault(module.strip(), []).append((int(own), int(cumulative)))
    medians = {
        module: (statistics.median(o for o, _ in times), statistics.median(c for _, c in times))
        for module, times in samples.items()
    }
    top = sorted(medians.items(), key=lambda item: item[1][0], reverse=True)[:10]
    lines = ["| module | self | with its imports |", "| --- | --- | --- |"]
    lines += [f"| `{module}` | {own / 1000:.1f} ms | {cumulative / 1000:.1f} ms |"
              for module, (own, cumulative) in top]  # fmt: skip
    return "\n".join(lines) + "\n"


def warm_requests(project: Path) -> list[Row]:
    """The project's pytest runs benchmark_requests.py next to its own backend tests."""
    shutil.copy(Path(__file__).with_name("benchmark_requests.py"), project / "backend" / "tests")
    results = project / "build" / "requests.json"
    env = clean_env(BENCH_RESULTS=str(results))
    python = project / ".venv" / "bin" / "python"
    run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "backend/tests/benchmark_requests.py"], cwd=project, env=env)  # fmt: skip
    figures = json.loads(results.read_text())
    rows = []
    for path, target in (("/health", 1.1), ("/me", None)):
        through, plain = figures[path]["handler"], figures[path]["asgi"]
        auth = ", authorized, DynamoDB on moto" if path == "/me" else ""
        rows.append(
            Row(
                f"warm `GET {path}` through the handler{auth}",
                ms(through),
                f"{ms(plain)} plain ASGI",
                through / plain,
                f"≤ {target}×" if target else "report",
                through / plain <= target if target else None,
            )
        )
    return rows


def sizes(folder: Path) -> tuple[int, int]:
    """Bytes of a folder's files, unzipped and zipped as `Code.from_asset` ships them."""
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(folder))
    return sum(p.stat().st_size for p in files), buffer.getbuffer().nbytes


def bundle_rows(project: Path, scratch: Path) -> list[Row]:
    """What the functions ship: build/lambda with its bytecode (compiled here by this machine's
    Python, as bundle.py compiles it with Lambda's), and the authorizer's layer with realtime."""
    bundle = scratch / "lambda-with-bytecode"
    shutil.copytree(project / "build" / "lambda", bundle)
    in_project(project, COMPILE_FOR_LAMBDA, bundle)
    unzipped, zipped = sizes(bundle)
    bundled_sdk = [name for name in ("boto3", "botocore") if (bundle / name).exists()]
    with_bytecode = f"with bytecode (Python {HOST_PYTHON} here)"
    rows = [
        Row(
            f"Lambda bundle unzipped, {with_bytecode}, {project.name}",
            f"{unzipped / MB:.1f} MB",
            "250 MB AWS limit",
            unzipped / AWS_UNZIPPED_LIMIT,
            "≤ 15 MB",
            unzipped <= 15 * MB,
        ),
        Row(f"Lambda bundle zipped, {with_bytecode}, {project.name}", f"{zipped / MB:.1f} MB"),
        Row(
            "boto3 / botocore in the bundle",
            ", ".join(bundled_sdk) or "absent",
            "Lambda's runtime has boto3",
            target="absent",
            ok=not bundled_sdk,
        ),
    ]
    layer = project / "build" / "lambda-jwt"
    if layer.is_dir():  # realtime: PyJWT + cryptography for the $connect authorizer only
        with_layer = unzipped + sizes(layer)[0]
        rows.append(
            Row(
                "WebSocket authorizer: bundle + PyJWT layer, unzipped",
                f"{with_layer / MB:.1f} MB",
                "250 MB AWS limit",
                with_layer / AWS_UNZIPPED_LIMIT,
            )
        )
    return rows


def synth(project: Path, scratch: Path) -> Row:
    """The all-options app vs a one-bucket app, run as the project's `make synth` runs app.py."""
    python = project / ".venv" / "bin" / "python"
    (scratch / "one_bucket.py").write_text(ONE_BUCKET_APP)
    env = clean_env(
        PYTHONPATH=str(project / "infra"),
        PYTHONDONTWRITEBYTECODE="1",
        JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20",
        CDK_OUTDIR=str(scratch / "cdk.out"),
    )
    apps = {"project": (project / "infra", "app.py"), "bucket": (scratch, "one_bucket.py")}
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(SYNTH_RUNS):
        for name, (cwd, script) in apps.items():
            times[name].append(timed([python, script], cwd=cwd, env=env))
    app, bucket = statistics.median(times["project"]), statistics.median(times["bucket"])
    return Row(
        f"`make synth` (app.py), {project.name}", f"{app:.1f} s", f"{bucket:.1f} s one bucket",
        app / bucket,
    )  # fmt: skip


def first_screen_files(dist: Path) -> set[str]:
    """The JavaScript a browser fetches for the first screen: index.html's script and
    modulepreload links and, from Vite's manifest, every chunk they import statically (not the
    pages, which load when visited)."""
    page = (dist / "index.html").read_text()
    linked = r'<(?:script|link rel="modulepreload")[^>]* (?:src|href)="/([^"]+\.js)"'
    files = set(re.findall(linked, page))
    manifest = json.loads((dist / ".vite" / "manifest.json").read_text())
    by_file = {chunk["file"]: chunk for chunk in manifest.values()}
    pending = list(files)
    while pending:
        for key in by_file[pending.pop()].get("imports", []):
            imported = manifest[key]["file"]
            if imported not in files:
                files.add(imported)
                pending.append(imported)
    return files


def web_bundle(project: Path) -> list[Row]:
    """The web app's JavaScript as browsers download it (gzip): what the first screen (the
    sign-in form) needs, against its goal, and all of it."""
    dist = project / "web" / "dist"
    gzipped = {
        path.relative_to(dist).as_posix(): len(gzip.compress(path.read_bytes()))
        for path in (dist / "assets").glob("*.js")
    }
    first = sum(gzipped[name] for name in first_screen_files(dist))
    return [
        Row(
            f"web app JavaScript before the sign-in form, gzip, {project.name}",
            f"{first / 1024:.0f} KB",
            target=f"≤ {FIRST_SCREEN_JS_KB} KB",
            ok=first <= FIRST_SCREEN_JS_KB * 1024,
        ),
        Row(
            f"web app JavaScript in all, gzip, {project.name}",
            f"{sum(gzipped.values()) / 1024:.0f} KB in {len(gzipped)} chunks",
        ),
    ]


def table(rows: list[Row]) -> str:
    header = ["figure", "measured", "baseline", "ratio", "target", "ok"]
    lines = [header, ["---"] * len(header), *(row.cells() for row in rows)]
    return "\n".join(f"| {' | '.join(cells)} |" for cells in lines) + "\n"


def main() -> None:
    shutil.rmtree(BENCH, ignore_errors=True)
    BENCH.mkdir(parents=True)
    projects = {}
    for name in PROJECTS:
        print(f"rendering and building {name} …", flush=True)
        projects[name] = render(BENCH / name, **OPTION_SETS[name])
        run_make(projects[name], "install", "bundle", "web-build")  # both have the web app
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        (scratch / "bare_app.py").write_text(BARE_APP)
        print("cold imports …", flush=True)
        bundles = {name: host_bundles(projects[name], scratch) for name in PROJECTS}
        python = projects["defaults"] / ".venv" / "bin" / "python"  # as the projects' bytecode
        run([python, "-m", "compileall", "-q", scratch / "bare_app.py"])
        for name in PROJECTS:
            rows += cold_imports(projects[name], bundles[name], scratch)
        rows.append(route_cost(projects, bundles, scratch))
        profile = import_profile(projects["defaults"], bundles["defaults"]["bytecode"])
        print("warm requests …", flush=True)
        rows += warm_requests(projects["defaults"])
        rows += bundle_rows(projects["all-options"], scratch)
        for name in PROJECTS:
            rows += web_bundle(projects[name])
        print("copier renders …", flush=True)
        rows.append(copier_render())
        print("synth …", flush=True)
        rows.append(synth(projects["all-options"], scratch))
    report = (
        f"{table(rows)}\n`python -X importtime` of the defaults handler with its bytecode "
        f"(Python {HOST_PYTHON}): the 10 slowest modules by their own time\n\n{profile}"
    )
    (BENCH / "results.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
