"""`style: deepObject` query parameters (OpenAI's `metadata[k]=v` filter) are sent as name[key]=value pairs."""

from __future__ import annotations

import httpx

from oruel_client._inputs import deep_object
from oruel_client.types import UNSET


def test_an_object_becomes_bracketed_keys_on_the_wire() -> None:
    params = deep_object("metadata", {"team": "a b", "env": {"tier": "prod"}})
    assert params == {"metadata[team]": "a b", "metadata[env][tier]": "prod"}
    url = httpx.Request("GET", "https://x.invalid/jobs", params=params).url
    assert url.query == b"metadata%5Bteam%5D=a+b&metadata%5Benv%5D%5Btier%5D=prod"


def test_anything_else_keeps_its_name() -> None:
    assert deep_object("metadata", None) == {"metadata": None}
    assert deep_object("metadata", UNSET) == {"metadata": UNSET}
