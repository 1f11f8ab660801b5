"""`make bench`: what the template costs, each figure side by side with its baseline.

Renders the default and the all-options project into build/bench/, builds them (`make install
bundle web-build`) and prints one markdown table, also written to build/bench/results.md. This
machine is shared and noisy, so figures are medians of interleaved runs and compared as ratios. A
missed target is reported in the table, never an exit code: this is a report, not a test.
"""

import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from conftest import TEMPLATE, UV, render, run_make
from option_sets import OPTION_SETS

BENCH = TEMPLATE / "build" / "bench"
PROJECTS = ("defaults", "all-options")
IMPORT_RUNS = 15
RENDER_RUNS = 5
SYNTH_RUNS = 3
MB = 1024 * 1024
AWS_UNZIPPED_LIMIT = 250 * MB

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

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3

app = cdk.App(outdir=os.environ["CDK_OUTDIR"])
s3.Bucket(cdk.Stack(app, "OneBucket"), "Bucket")
app.synth()
"""

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


def package_of(project: Path) -> str:
    return yaml.safe_load((project / ".copier-answers.yml").read_text())["package_name"]


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


def host_bundle(project: Path) -> Path:
    """build/lambda for this machine: the same requirements and package, this CPU's wheels.

    build/lambda holds arm64 wheels for Lambda's Python, which this interpreter cannot load.
    """
    host = project / "build" / "lambda-host"
    shutil.rmtree(host, ignore_errors=True)
    python = project / ".venv" / "bin" / "python"
    requirements = project / "build" / "lambda-requirements.txt"
    run([UV, "pip", "install", "--quiet", "--target", host, "--no-deps", "--only-binary", ":all:",
         "--python", python, "--requirements", requirements])  # fmt: skip
    package = package_of(project)
    shutil.copytree(project / "build" / "lambda" / package, host / package)
    return host


def cold_imports(project: Path, bare_dir: Path) -> Row:
    """`import <pkg>.handler` vs the bare app, fresh interpreters, interleaved.

    As on Lambda: the bundle first on the path, no bytecode for it (Lambda's /var/task is
    read-only and the bundle ships none), the function's APP_* environment.
    """
    bundle = host_bundle(project)
    python = project / ".venv" / "bin" / "python"
    env = clean_env(
        PYTHONPATH=f"{bundle}:{bare_dir}", PYTHONDONTWRITEBYTECODE="1", **LAMBDA_ENVIRONMENT
    )
    modules = {"app": f"{package_of(project)}.handler", "bare": "bare_app"}
    times: dict[str, list[float]] = {name: [] for name in modules}
    for round_ in range(IMPORT_RUNS):
        order = list(modules) if round_ % 2 else list(reversed(modules))
        for name in order:
            out = run([python, "-c", IMPORT_TIMER, modules[name]], env=env, cwd=bare_dir).stdout
            seconds, where = out.split()
            if name == "app" and not where.startswith(str(bundle)):
                sys.exit(f"{modules[name]} was imported from {where}, not the bundle")
            times[name].append(float(seconds))
    app, bare = statistics.median(times["app"]), statistics.median(times["bare"])
    return Row(
        f"handler cold import, {project.name}",
        ms(app),
        f"{ms(bare)} bare FastAPI + Mangum",
        app / bare,
        "≤ 1.1×",
        app / bare <= 1.1,
    )


def warm_requests(project: Path) -> list[Row]:
    """The project's pytest runs benchmark_requests.py next to its own backend tests."""
    shutil.copy(Path(__file__).with_name("benchmark_requests.py"), project / "backend" / "tests")
    results = project / "build" / "requests.json"
    env = clean_env(BENCH_PACKAGE=package_of(project), BENCH_RESULTS=str(results))
    python = project / ".venv" / "bin" / "python"
    run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "backend/tests/benchmark_requests.py"], cwd=project, env=env)  # fmt: skip
    figures = json.loads(results.read_text())
    rows = []
    for path, target in (("/health", 1.2), ("/me", None)):
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


def bundle_rows(project: Path) -> list[Row]:
    """What the functions ship: build/lambda, and the authorizer's layer with realtime."""
    bundle = project / "build" / "lambda"
    unzipped, zipped = sizes(bundle)
    bundled_sdk = [name for name in ("boto3", "botocore") if (bundle / name).exists()]
    rows = [
        Row(
            f"Lambda bundle unzipped, {project.name}",
            f"{unzipped / MB:.1f} MB",
            "250 MB AWS limit",
            unzipped / AWS_UNZIPPED_LIMIT,
            "≤ 15 MB",
            unzipped <= 15 * MB,
        ),
        Row(f"Lambda bundle zipped, {project.name}", f"{zipped / MB:.1f} MB"),
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


def web_bundle(project: Path) -> Row:
    """The web app's JavaScript as browsers download it (gzip), and its largest chunks."""
    chunks = {
        path.name.split("-")[0]: len(gzip.compress(path.read_bytes()))
        for path in (project / "web" / "dist" / "assets").glob("*.js")
    }
    largest = sorted(chunks.items(), key=lambda item: -item[1])[:2]
    parts = ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in largest)
    return Row(
        f"web app JavaScript, gzip, {project.name}",
        f"{sum(chunks.values()) / 1024:.0f} KB ({parts})",
    )


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
        rows += [cold_imports(projects[name], scratch) for name in PROJECTS]
        print("warm requests …", flush=True)
        rows += warm_requests(projects["defaults"])
        rows += bundle_rows(projects["all-options"])
        rows.append(web_bundle(projects["defaults"]))
        print("copier renders …", flush=True)
        rows.append(copier_render())
        print("synth …", flush=True)
        rows.append(synth(projects["all-options"], scratch))
    report = table(rows)
    (BENCH / "results.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
