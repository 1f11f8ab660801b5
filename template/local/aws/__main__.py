"""`python -m local.aws`: the offline AWS as its own process (`make dev`)."""

import argparse
import logging

from moto.moto_server.werkzeug_app import (
    MotoRequestHandler,
)
from werkzeug.serving import run_simple

from .. import exit_with_parent
from .front import AwsFront


def main() -> None:
    parser = argparse.ArgumentParser(
        description="The offline AWS: moto's server, plus what AWS does that moto leaves out."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--lambda-url", help="where S3 notifications invoke Lambda functions")
    args = parser.parse_args()
    exit_with_parent()
    logging.basicConfig(level=logging.WARNING, format="aws: %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    front = AwsFront(args.lambda_url)
    front.route_notifications()
    run_simple(args.host, args.port, front, threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
