"""`make dev LAN=1`: the stack open to the machine's network, for a phone on the same Wi-Fi. By
default it listens on loopback and the client config names 127.0.0.1; with LAN every server
listens on all interfaces and every address the config gives the apps is the machine's there."""

import json

import pytest

from stacks import outputs as keys
from stacks.client_config import local_endpoints, write_client_config
from stacks.config import LOCAL_STAGE, PROJECT

from local import __main__ as dev
from local.bootstrap import gateway_urls

LAN_ADDRESS = "192.168.1.20"


def test_loopback_unless_asked():
    assert dev.hosts("") == dev.hosts("0") == ("127.0.0.1", "127.0.0.1")


def test_lan_listens_everywhere_and_names_this_machine(monkeypatch):
    monkeypatch.setattr(dev, "lan_address", lambda: "10.0.0.7")
    assert dev.hosts("1") == ("0.0.0.0", "10.0.0.7")  # noqa: S104
    assert dev.hosts(LAN_ADDRESS) == ("0.0.0.0", LAN_ADDRESS)  # noqa: S104
    with pytest.raises(SystemExit, match="LAN is 1 or"):
        dev.hosts("yes please")


def urls_in(document, path=()):
    """Every URL in the document, with where it is."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield from urls_in(value, (*path, key))
    elif isinstance(document, list):
        for value in document:
            yield from urls_in(value, path)
    elif isinstance(document, str) and "://" in document:
        yield path, document


def test_the_client_config_names_the_lan_address_in_every_url(tmp_path):
    endpoint, api_url = dev.local_urls(LAN_ADDRESS, 5000, 8000)
    values = {name: "x" for name in vars(keys).values() if isinstance(name, str)}
    values.pop(keys.WEBSOCKET_URL)
    values |= gateway_urls(api_url)
    write_client_config(PROJECT, LOCAL_STAGE, values, tmp_path, endpoints=local_endpoints(endpoint))
    document = json.loads((tmp_path / "amplify_outputs.json").read_text())
    urls = {
        path: url
        for path, url in urls_in(document)
        # where the hosted UI sends browsers back: the web app's origins, not the stack's
        if path[:2] != ("auth", "oauth") and path != ("$schema",)
    }
    assert len(urls) >= 6  # the API, its public face, the files, moto's three services
    assert {url.split("/")[2].split(":")[0] for url in urls.values()} == {LAN_ADDRESS}


def test_the_banner_says_who_else_can_reach_it():
    assert LAN_ADDRESS in dev.lan_note(LAN_ADDRESS)
    assert "anyone" in dev.lan_note(LAN_ADDRESS)
