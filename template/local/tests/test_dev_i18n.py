"""Language bundles on `make dev`: the shipped ones published at start, a new one published by
an administrator and read through the local CDN, never a stale one after a publish."""

import json

import httpx

from api.i18n import IMMUTABLE, INDEX_KEY, PREFIX, REVALIDATE
from stacks import outputs as keys
from stacks.config import PROJECT


def test_an_administrator_publishes_a_bundle_and_the_index_names_it_at_once(stack, make_user):
    cdn = stack["values"][keys.FILES_BASE_URL]
    index = httpx.get(f"{cdn}/{INDEX_KEY}", headers={"Origin": "http://localhost:5173"})
    assert index.status_code == 200
    assert index.headers["cache-control"] == REVALIDATE  # revalidated on every read
    assert index.headers["access-control-allow-origin"] == "*"  # the web app fetches it
    shipped = index.json()
    assert {"en", "ko"} <= set(shipped)
    first = httpx.get(f"{cdn}/{PREFIX}{shipped['ko']}")
    assert first.headers["cache-control"] == IMMUTABLE  # its name changes with its content
    assert first.json() == json.loads((PROJECT.language_bundles / "ko.json").read_text())

    strings = {**first.json(), "test.published": "새 번역"}
    admin = {"Authorization": make_user("translator@example.com", admin=True)}
    published = httpx.put(f"{stack['api']}/admin/i18n/ko", headers=admin, json=strings)
    assert published.status_code == 200, published.text
    current = httpx.get(f"{cdn}/{INDEX_KEY}").json()
    assert current["ko"] != shipped["ko"]  # the old version is not what the index names
    assert f"{PREFIX}{current['ko']}" == published.json()["key"]
    assert current["en"] == shipped["en"]  # other languages kept
    assert httpx.get(published.json()["url"]).json() == strings
    # A client still holding the old index finds its file, unchanged.
    assert "test.published" not in httpx.get(f"{cdn}/{PREFIX}{shipped['ko']}").json()

    member = {"Authorization": make_user("reader@example.com")}
    refused = httpx.put(f"{stack['api']}/admin/i18n/ko", headers=member, json={"a": "b"})
    assert refused.status_code in (401, 403)  # the admin pool's gateway, or require_admin
    assert httpx.get(f"{cdn}/{INDEX_KEY}").json() == current
