"""The shipped language bundles (ProjectConfig.language_bundles) published to a stage's files
bucket as an administrator's PUT /admin/i18n/<lang> does (the backend's api.i18n.publish): by
`make dev` on the local stack, and by `make deploy` on a deployed stage, with the deployer's
credentials, so a new stage starts with its strings.

    python -m stacks.language_bundles pr-123
"""

import json
import os
import sys

from . import outputs as keys
from .client_config import stage_values
from .config import PROJECT


def publish_language_bundles() -> list[str]:
    """Publish every shipped bundle to the bucket the backend's settings name (APP_FILES_BUCKET);
    returns their languages."""
    from api.i18n import publish  # the backend's settings are read on first use

    bundles = sorted(PROJECT.language_bundles.glob("*.json"))
    for path in bundles:
        publish(path.stem, json.loads(path.read_text()))
    return [path.stem for path in bundles]


def main(argv: list[str]) -> None:
    _stage, values, _endpoints = stage_values(argv[1])
    bucket = values[keys.FILES_BUCKET_NAME]
    os.environ.update({"APP_REGION": values[keys.REGION], "APP_FILES_BUCKET": bucket})
    languages = publish_language_bundles()
    print(f"published the language bundles {', '.join(languages)} to {bucket}")


if __name__ == "__main__":
    main(sys.argv)
