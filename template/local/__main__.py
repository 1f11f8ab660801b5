"""`make dev`: the whole product offline on 127.0.0.1, auth enforced like API Gateway.

Starts moto's server (AWS_PORT, default 5000), creates the stack's resources from the infra
configuration, writes client/local/amplify_outputs.json, serves the web app when WEB_PORT is set
(local/web.py; WEB_MODE dev or preview), the mobile app when MOBILE_PORT is set too
(local/mobile.py: Expo's dev server, or the app's web build) and the API through the local
gateway (PORT, default 8000), in a process uvicorn starts anew when backend code changes. The
gateway also runs the functions AWS would invoke: the Cognito triggers (local/aws/ invokes them
when Cognito would) and the upload recorder. Ctrl-C stops everything. Every start is clean: moto
keeps its state in memory, so users and files live until the stack stops (a reload keeps them).

`make dev LAN=1` (or LAN=<this machine's address>) opens it to the network: every server listens
on all interfaces and the client config names the machine's address there, so a phone on the same
Wi-Fi reaches the API, the emulated AWS and the dev servers. Anyone on that network can too.
"""

import contextlib
import importlib
import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import uvicorn

from api import logs
from api.i18n import INDEX_KEY
from api.tokens import TrustedPool
from stacks import outputs as keys
from stacks.client_config import (
    client_dir_of,
    local_endpoints,
    write_client_config,
)
from stacks.config import (
    LOCAL_STAGE,
    LOCAL_STATE_FILE,
    PROJECT,
    ROOT,
    TABLES,
    TRIGGER_HANDLERS,
    UPLOAD_RECORDER,
)
from stacks.language_bundles import publish_language_bundles

from . import exit_with_parent
from .bootstrap import app_environment, create_resources
from .gateway import LocalGateway

LOOPBACK = "127.0.0.1"  # by default nothing here is meant for another machine
EVERY_INTERFACE = "0.0.0.0"  # noqa: S104 (LAN asks for it: a phone on the same network)


def lan_address() -> str:
    """This machine's address on its network: where its route out leaves from (connecting a UDP
    socket sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            message = "LAN=1 found no network here: set LAN=<this machine's address>"
            raise SystemExit(message) from None


def hosts(lan: str) -> tuple[str, str]:
    """Where the servers listen, and the host the client config and the banner name: loopback,
    or with LAN (1: found, or an address given) every interface and the machine's address."""
    if lan in ("", "0"):
        return LOOPBACK, LOOPBACK
    host = lan_address() if lan == "1" else lan
    try:
        ipaddress.ip_address(host)
    except ValueError:
        message = f"LAN is 1 or this machine's IP address on its network, not {lan!r}."
        raise SystemExit(message) from None
    return EVERY_INTERFACE, host


def local_urls(host: str, aws_port: int, port: int) -> tuple[str, str]:
    """moto's endpoint and the API's address, as the client config names them."""
    return f"http://{host}:{aws_port}", f"http://{host}:{port}/"


def require_free(port: int, variable: str, bind: str = LOOPBACK) -> None:
    """Fail with the remedy, rather than talk to whatever already listens there."""
    with socket.socket() as probe:
        # As the servers bind: connections of a stack stopped a moment ago (TIME_WAIT) do not
        # count, a listener does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((bind, port))
            probe.listen()
        except OSError:
            holder = holder_of(port)
            message = f"Port {port} is in use{holder}: stop it or set {variable}=…"
            raise SystemExit(message) from None


def holder_of(port: int) -> str:
    """ " by <command> (pid N)" of the process listening on the port, where the OS tells us."""
    import psutil

    try:
        connections = psutil.net_connections("tcp")
    except psutil.AccessDenied:  # macOS tells only root
        return " (by another `make dev`?)"
    for connection in connections:
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port:
            try:
                command = " ".join(psutil.Process(connection.pid).cmdline())
            except (psutil.Error, ValueError):  # another user's process: no pid
                break
            return f" by `{command[:80]}` (pid {connection.pid})"
    return " (by another `make dev`?)"


def start_moto(port: int, lambda_url: str, bind: str = LOOPBACK) -> subprocess.Popen:
    """moto's server with what AWS does and moto does not (local/aws/)."""
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            *(sys.executable, "-m", "local.aws", "--host", bind, "--port", str(port)),
            *("--lambda-url", lambda_url),
        ],
        stdout=subprocess.DEVNULL,  # its warnings (stderr) show in the dev terminal
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{LOOPBACK}:{port}/moto-api/", timeout=1)  # noqa: S310
            return process
        except OSError as error:
            if process.poll() is not None:
                message = f"moto's server did not start: is port {port} free? (AWS_PORT)"
                raise SystemExit(message) from error
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("moto's server did not answer within 30 s")


def main() -> None:
    aws_port = int(os.environ.get("AWS_PORT", "5000"))
    port = int(os.environ.get("PORT", "8000"))
    web_port = int(os.environ["WEB_PORT"]) if PROJECT.web_app and os.environ.get("WEB_PORT") else 0
    # The mobile app reads its client config from the web app's server: both, or no mobile app.
    mobile_port = int(os.environ.get("MOBILE_PORT") or 0) if PROJECT.mobile_app and web_port else 0
    mode = os.environ.get("WEB_MODE") or "dev"
    bind, host = hosts(os.environ.get("LAN", ""))
    endpoint, api_url = local_urls(host, aws_port, port)
    # uvicorn re-raises SIGTERM after its shutdown: exit through `finally` like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    require_free(aws_port, "AWS_PORT", bind)
    require_free(port, "PORT", bind)
    stage = LOCAL_STAGE
    if web_port:
        from . import web

        require_free(web_port, "WEB_PORT", bind)
        stage = web.with_origin(stage, web_port)
    if mobile_port:
        from . import mobile

        require_free(mobile_port, "MOBILE_PORT", bind)
        stage = web.with_origin(stage, mobile_port)  # its web build calls the API from there
    # (moto calls the functions on this machine: through loopback, whatever the network)
    moto = start_moto(aws_port, local_urls(LOOPBACK, aws_port, port)[1], bind)
    web_server = mobile_server = None
    try:
        values = create_resources(endpoint, api_url, stage=stage)
        os.environ.update(app_environment(endpoint, values, stage))
        languages = publish_language_bundles()
        endpoints = local_endpoints(endpoint)
        written = write_client_config(PROJECT, stage, values, endpoints=endpoints)
        LOCAL_STATE_FILE.parent.mkdir(exist_ok=True)
        state = {
            "endpoint": endpoint,
            "local_endpoints": endpoints,
            "values": values,
            "allowed_origins": stage.allowed_origins,
        }
        LOCAL_STATE_FILE.write_text(json.dumps(state, indent=2))
        if web_port:
            outputs = client_dir_of(stage) / "amplify_outputs.json"
            web_server = web.start(web_port, outputs, mode, bind)
        if mobile_port:
            mobile_server = mobile.start(mobile_port, outputs, mode, web_port, host)

        public_url = values[keys.PUBLIC_API_URL]
        rows = [
            ("API", f"{api_url}  (try {api_url}health)"),
            ("public API", f"{public_url}  (public GET routes, never a token: {public_url}health)"),
        ]
        if web_port:
            app = f"{web.origin(web_port)}/  (open it: sign up, upload a picture)"
            rows.insert(0, ("web app", app))
            if keys.ADMIN_USER_POOL_ID in values:
                console = f"{web.origin(web_port)}/admin  (administrators: make user ADMIN=1)"
                rows.insert(1, ("admin console", console))
        if mobile_port:
            opened = "a browser" if mode == "preview" else "Expo Go (mobile/README.md)"
            app = f"{mobile.address(mobile_port, mode, host)}  (open it in {opened})"
            rows.insert(1, ("mobile app", app))
        if keys.WEBSOCKET_URL in values:
            rows.append(("WebSocket", f"{values[keys.WEBSOCKET_URL]}?token=<id token>"))
        rows.append(("AWS (moto)", endpoint))
        rows.append(("mailbox", f"{endpoint}/_mail  (every code and mail sent; none leaves)"))
        index_url = f"{values[keys.FILES_BASE_URL]}/{INDEX_KEY}"
        rows.append(("languages", f"{', '.join(languages)}  (index: {index_url})"))
        for label, key in (
            ("user pool", keys.USER_POOL_ID),
            ("admin pool", keys.ADMIN_USER_POOL_ID),
            ("identity pool", keys.IDENTITY_POOL_ID),
            ("files bucket", keys.FILES_BUCKET_NAME),
            *((f"{name} table", keys.TABLE_NAMES[name]) for name in TABLES),
        ):
            if key in values:
                rows.append((label, values[key]))
        rows += [("client config", str(path.relative_to(ROOT))) for path in written]
        login = "PHONE=+15555550100" if PROJECT.login_id == "phone" else "EMAIL=ana@example.com"
        rows.append(("add a user", f"make user {login} PASSWORD='Corr3ct-Horse-Battery'"))
        if host != LOOPBACK:
            rows.append(("network", lan_note(host)))
        print(banner(f"{PROJECT.name} runs locally (Ctrl-C stops it):", rows), flush=True)
        if mobile_port and mode == "dev":
            print(mobile.qr_code(mobile.address(mobile_port, mode, host)), flush=True)
        serve_with_reload(port, bind)
    finally:
        if mobile_server:
            mobile.stop(mobile_server)
        if web_server:
            web.stop(web_server)
        moto.terminate()
        moto.wait(timeout=10)
        LOCAL_STATE_FILE.unlink(missing_ok=True)


def lan_note(host: str) -> str:
    """The banner's word on LAN: who else can reach the stack now."""
    return f"open to this network at {host} (LAN): phones on the same Wi-Fi, and anyone else on it"


def serve_with_reload(port: int, bind: str = LOOPBACK) -> None:
    """The API in a process of its own that uvicorn starts anew when backend code changes;
    moto, and the users and files in it, run on.

    As `uvicorn.run(reload=True)` does, but for one thing: uvicorn binds that socket with no
    protocol number, so asyncio never sets TCP_NODELAY on the connections it accepts, and each
    answer's body waited for the client's delayed ACK (~40 ms a request on a kept-alive
    connection). Accepted connections inherit the option from the listening socket."""
    from uvicorn.supervisors import ChangeReload

    config = uvicorn.Config(
        "local.__main__:local_gateway",
        factory=True,
        reload=True,
        reload_dirs=[str(ROOT / "backend" / "src")],
        host=bind,
        port=port,
        lifespan="off",
        log_level="warning",
    )
    listening = config.bind_socket()
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with contextlib.suppress(KeyboardInterrupt):
        ChangeReload(config, target=uvicorn.Server(config).run, sockets=[listening]).run()


def handler_of(path: str):
    """A backend handler by its path in the package, e.g. triggers.post_confirmation.handler."""
    module, _, name = f"{PROJECT.package}.{path}".rpartition(".")
    return getattr(importlib.import_module(module), name)


def local_gateway() -> LocalGateway:
    """The API as `make dev` serves it, built from the running stack's state file (uvicorn calls
    this in a fresh process after each backend change)."""
    exit_with_parent()
    # The functions' JSON lines, as on Lambda; one readable line in a terminal. The browser tests
    # keep warnings and errors only (LOG_LEVEL=WARNING): a request line each would bury them.
    logs.configure(level=os.environ.get("LOG_LEVEL") or "INFO")
    state = json.loads(LOCAL_STATE_FILE.read_text())
    values, endpoint = state["values"], state["endpoint"]

    from api.handler import handler  # the environment came from make dev

    def pool(pool_key: str) -> TrustedPool | None:
        """As the REST API's Cognito authorizer trusts it: any app client (tokens.py)."""
        if pool_key not in values:
            return None
        return TrustedPool(values[pool_key], None, PROJECT.region, endpoint)

    websocket = None
    if PROJECT.realtime:
        from api.realtime import authorizer, handlers

        from .realtime import LocalWebSocketApi

        websocket = LocalWebSocketApi(
            authorizer.handler, handlers.handler, LOCAL_STAGE.name, PROJECT.region
        )
    functions = {  # the user pool's triggers, by the names bootstrap.py gives the pool
        LOCAL_STAGE.resource_name(PROJECT, name): handler_of(TRIGGER_HANDLERS[trigger])
        for trigger, name in PROJECT.cognito_triggers.items()
    }
    if LOCAL_STAGE.record_uploads:  # S3 notifications (local/aws/) invoke it here
        from api.triggers import uploads

        functions[LOCAL_STAGE.resource_name(PROJECT, UPLOAD_RECORDER)] = uploads.handler
    return LocalGateway(
        handler,
        functions=functions,
        users=pool(keys.USER_POOL_ID),
        admins=pool(keys.ADMIN_USER_POOL_ID),
        allowed_origins=state["allowed_origins"],
        websocket=websocket,
        rate_limit=rate_limit(),
    )


def rate_limit() -> int | None:
    """Requests per client IP the API takes in WAF's window (infra waf.py's overall rule): the
    stage's waf_rate_limit, or WAF_RATE_LIMIT's (0: none, e.g. to load-test locally)."""
    return int(os.environ.get("WAF_RATE_LIMIT", LOCAL_STAGE.waf_rate_limit)) or None


def banner(title: str, rows: list[tuple[str, str]]) -> str:
    """The title, then one row per label and value, the values in one column."""
    width = max(len(label) for label, _ in rows)
    lines = [f"  {label:<{width}}  {value}" for label, value in rows]
    return "\n".join(["", title, *lines, ""])


if __name__ == "__main__":
    main()
