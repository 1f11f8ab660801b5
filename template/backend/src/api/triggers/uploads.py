"""S3 ObjectCreated: record every upload in the files table, or remove one that breaks the rules.

The second path next to `POST /files`, so a record never depends on the client registering: an
upload made with the identity pool's credentials (Amplify Storage) is recorded like one made with
the API's form. The owner is the key's identity id, which only that identity can write under
(the role, the API's forms); the upload rules (types, size) are checked here because the role's
uploads are not limited by a form. S3 delivers events at least once: a repeat finds the record
and changes nothing.
"""

from typing import Any
from urllib.parse import unquote_plus

from .. import storage
from ..logs import logged
from ..uploads import record_upload


@logged
def handler(event: dict[str, Any], _context: Any) -> None:
    for record in event.get("Records", []):
        key = unquote_plus(record["s3"]["object"]["key"])
        if storage.is_upload(key):  # not the language bundles the API publishes
            record_upload(key)
