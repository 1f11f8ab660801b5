"""The offline stack: moto's server for AWS, the same resources as the infra, and a local
gateway that enforces API Gateway's auth rules in front of the real Lambda handler."""

import os
import threading
import time


def exit_with_parent() -> None:
    """Exit once the process that started this one is gone, even after a `kill -9` of `make dev`
    that gave it no time to stop its children: nothing is left holding the stack's ports."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()
