"""What importing the client and an endpoint function loads: the models (and attrs with them) load on first use,
and so does each facade resource's module.

Importing attrs and every model cost more than the rest of the client's import (issue 10's import target
measures import + client, for the facade and for an endpoint function, against httpx alone); with a spec of
hundreds of operations, so did defining every facade class (issue 17): a client pays for the resources it uses.
A fresh interpreter per check, since this test process has loaded everything long ago.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
{statement}
loaded = sorted(m for m in sys.modules if m == "attrs" or m.startswith({prefixes!r}))
print(json.dumps(loaded))
"""
MODELS = ("oruel_client.models.",)
RESOURCES = "oruel_client._generated.resources."
CLIENT = "from oruel_client import Oruel, AsyncOruel; c = Oruel(api_key='k', base_url='http://127.0.0.1:9')"


def loaded_after(statement: str, prefixes: tuple[str, ...] = MODELS) -> list[str]:
    code = PROBE.format(statement=statement, prefixes=prefixes)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out: list[str] = json.loads(proc.stdout)
    return out


@pytest.mark.parametrize(
    "statement",
    [
        "from oruel_client import Oruel; c = Oruel(api_key='k', base_url='http://127.0.0.1:9'); c.chat.completions",
        "from oruel_client.api.chat import create_chat_completion",
        "from oruel_client.api.embeddings import create_embedding; from oruel_client.api.models import list_models",
        "import oruel_client.models",
    ],
)
def test_importing_loads_no_model(statement: str) -> None:
    assert loaded_after(statement) == []


def test_a_model_loads_with_what_it_refers_to_and_nothing_else() -> None:
    loaded = loaded_after("from oruel_client.models import ChatCompletion")
    assert "attrs" in loaded and "oruel_client.models.chat_completion" in loaded
    assert "oruel_client.models.embedding_response" not in loaded


def test_the_first_call_loads_the_models_it_needs() -> None:
    statement = (
        "from oruel_client.api.chat import create_chat_completion\n"
        "create_chat_completion.build_request(body={'model': 'm', 'messages': [{'role': 'user', 'content': 'hi'}]})\n"
        "create_chat_completion.parse_chunk({'id': 'c', 'object': 'chat.completion.chunk', 'created': 1,"
        " 'model': 'm', 'choices': []})"
    )
    loaded = loaded_after(statement)
    assert {"oruel_client.models.chat_completion_request", "oruel_client.models.chat_completion_chunk"} <= set(loaded)


def resources_after(statement: str) -> list[str]:
    return [m.removeprefix(RESOURCES) for m in loaded_after(statement, (RESOURCES,)) if m != "attrs"]


def test_building_a_client_loads_no_resource_module() -> None:
    statement = CLIENT + "; a = AsyncOruel(api_key='k', base_url='http://127.0.0.1:9')"
    assert resources_after(statement) == []


@pytest.mark.parametrize(
    ("use", "loaded"),
    [
        ("c.chat.completions", ["chat"]),
        ("c.chat.completions.with_raw_response.create", ["chat"]),
        ("c.audio.speech; c.embeddings", ["audio", "embeddings"]),
        ("AsyncOruel(api_key='k', base_url='http://127.0.0.1:9').models", ["models"]),
    ],
)
def test_using_a_resource_loads_its_module_only(use: str, loaded: list[str]) -> None:
    assert resources_after(f"{CLIENT}; {use}") == loaded


def test_the_command_line_loads_only_the_resource_it_calls() -> None:
    statement = (
        "from oruel_client.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    code = main(['models', '--api-key', 'k', '--base-url', 'http://127.0.0.1:9', '--max-retries', '0'])\n"
        "assert code == 5, code  # connection refused: the request was built and sent"
    )
    assert resources_after(statement) == ["models"]
