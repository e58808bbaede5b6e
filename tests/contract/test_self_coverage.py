"""Property 5: the contract properties cover a spec edit with no test edited.

A copy of openapi.yaml gets two new constrained fields in ``SamplingParameters``: ``typical_p`` (a number from 0
to 1) and an enum with a server default. A copy of the package is regenerated from it with ``python -m generator``
and properties 1-3 run, unchanged, in a subprocess whose ``oruel_client`` is that copy. They must pass, a request
on the wire must have carried each new field, and each new bound and the new enum must have been rejected.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from oruel_client._generated.rules import OPERATIONS

ROOT = Path(__file__).resolve().parents[2]
NEW_NUMBER = "typical_p"
NEW_ENUM = "contract_probe_mode"
NEW_FIELDS: dict[str, dict[str, Any]] = {
    NEW_NUMBER: {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
        "description": "Locally typical sampling mass (added by test_self_coverage).",
        "x-oruel-source": "decided",
    },
    NEW_ENUM: {
        "type": "string",
        "enum": ["alpha", "beta", "gamma"],
        "default": "alpha",
        "description": "A new enum with a server default (added by test_self_coverage).",
        "x-oruel-source": "decided",
    },
}
HOST_SCHEMA = "SamplingParameters"


def _uses_host(schema: dict[str, Any], name: str | None) -> bool:
    """Whether a body schema takes the host schema's fields (directly or through allOf)."""
    if name is None:
        return False
    if name == HOST_SCHEMA:
        return True
    parts = schema["components"]["schemas"][name].get("allOf", [])
    return any(p.get("$ref", "").endswith(f"/{HOST_SCHEMA}") for p in parts)


def test_new_constrained_fields_are_exercised_with_no_test_edited(tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    props = spec["components"]["schemas"][HOST_SCHEMA]["properties"]
    assert not set(NEW_FIELDS) & set(props), "the probe fields already exist in the spec: rename them"
    props.update(NEW_FIELDS)
    edited = tmp_path / "openapi.yaml"
    edited.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    package = tmp_path / "oruel_client"
    shutil.copytree(ROOT / "oruel_client", package, ignore=shutil.ignore_patterns("__pycache__"))

    gen = subprocess.run(
        [sys.executable, "-m", "generator", "--spec", str(edited), "--out", str(package)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert gen.returncode == 0, f"generation failed:\n{gen.stdout}\n{gen.stderr}"
    assert NEW_NUMBER in (package / "_generated" / "rules.py").read_text(encoding="utf-8")

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]), "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "tests.contract.self_coverage_driver"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    line = next((ln for ln in run.stdout.splitlines() if ln.startswith("SELF-COVERAGE-SUMMARY ")), None)
    assert line is not None, f"the driver printed no summary:\n{run.stdout[-5000:]}\n{run.stderr[-5000:]}"
    summary = json.loads(line.split(" ", 1)[1])

    assert Path(summary["spec_module"]) == package / "_generated" / "rules.py", "the properties ran on another copy"
    assert Path(summary["package"]) == package
    assert summary["exit_code"] == 0, f"properties 1-3 fail against the regenerated package:\n{run.stdout[-8000:]}"
    outcomes: dict[str, str] = summary["outcomes"]
    assert outcomes and all(v == "passed" for v in outcomes.values())

    hosts = [op for op, info in OPERATIONS.items() if _uses_host(spec, info["body"])]
    assert hosts, f"no operation's body uses {HOST_SCHEMA}"
    for op in hosts:
        sent = set(summary["sent_paths"].get(op, []))
        for name in NEW_FIELDS:
            assert name in sent, f"{op}: no request carried the new field {name}"
        for rule_id in (f"{op}:{NEW_NUMBER}:minimum", f"{op}:{NEW_NUMBER}:maximum", f"{op}:{NEW_ENUM}:enum"):
            ran = [k for k, v in outcomes.items() if f"[{rule_id}]" in k and v == "passed"]
            assert ran, f"the rejection of {rule_id} was not exercised"
