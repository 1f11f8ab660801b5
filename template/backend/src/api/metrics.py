"""Custom metrics in CloudWatch's embedded metric format (EMF): a JSON line on stdout, which
CloudWatch Logs turns into metrics of the namespace `metrics_namespace` (the project's slug).
No SDK call on the request's path and no permission beyond writing the function's own logs:
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html

Printed rather than logged: with the functions' JSON log format, Lambda wraps what the logging
module writes in an object of its own, while a line on stdout arrives as written.

Each metric has the dimension `stage` and those given: every distinct set of dimension values
is a custom metric CloudWatch bills monthly, so dimensions take few values (a route template,
a status, an outcome), never an id.
"""

import json
import time

from .settings import get_settings

_silenced = False


def emit(values: dict[str, float], unit: str = "Count", **dimensions: str) -> None:
    """One EMF document: `values` (metric name -> value) with `dimensions` (name -> value)."""
    if _silenced:
        return
    settings = get_settings()
    dimensions = {"stage": settings.stage, **dimensions}
    directive = {
        "Namespace": settings.metrics_namespace,
        "Dimensions": [list(dimensions)],
        "Metrics": [{"Name": name, "Unit": unit} for name in values],
    }
    document = {
        "_aws": {"Timestamp": int(time.time() * 1000), "CloudWatchMetrics": [directive]},
        **dimensions,
        **values,
    }
    print(json.dumps(document, separators=(",", ":")), flush=True)


def silence() -> None:
    """No metric lines from here on (a person's terminal: `make dev` in one)."""
    global _silenced
    _silenced = True
