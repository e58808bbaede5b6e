"""Stage 1 of the generator: read the spec file (YAML or JSON) and refuse a document the generator cannot use,
with one message per problem naming its JSON pointer and what to change.

Reading: the C YAML loader when PyYAML has it (about 10x faster on a 3 MB vendor spec), with two departures from
`yaml.safe_load`, both making YAML mean what the same document written as JSON would:
- no timestamp resolver: an unquoted `2024-01-01` in an example stays the string it is in JSON, so nothing
  downstream writes `datetime.date(...)` into generated code;
- mapping keys are strings (`200:` is the key "200", as in JSON);
- numbers are read as YAML 1.2 reads them: `1e-08` is a float, not the string YAML 1.1 makes of it.

Validation is openapi-spec-validator (3.0 and 3.1), after a few quick checks of our own that give sharper
messages (not a mapping, no `openapi`, a `$ref` that points at nothing or at another file). The validator needs
seconds on a large spec, so `start_validation` runs it in a forked process while the caller goes on rendering;
`Validation.problems()` waits for it. Nothing is written before it has answered.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the spec: where (a JSON pointer into the file) and what to change."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.message}"


class SpecError(Exception):
    """The spec cannot be used; every problem found, in document order."""

    def __init__(self, path: Path | str, problems: Iterable[Problem]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self) -> str:
        head = f"{self.path}: the spec cannot be used ({len(self.problems)} problem(s)):"
        return "\n  ".join([head, *(str(p) for p in self.problems)])


def pointer(parts: Iterable[Any]) -> str:
    """A JSON pointer (RFC 6901) in URI-fragment form: ('paths', '/files', 'post') -> #/paths/~1files/post."""
    return "#" + "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _key(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return json.dumps(value)  # `true:` -> "true", `~:` -> "null", as JSON would spell them
    return str(value)


class _JsonLikeLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader without the timestamp resolver, whose mapping keys are strings."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if all(isinstance(k, str) for k in mapping):
            return mapping  # type: ignore[no-any-return]
        return {_key(k): v for k, v in mapping.items()}


_JsonLikeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 (and JSON) numbers that YAML 1.1 reads as strings: an exponent without a dot or without a sign
# (`1e-08`, `1.0e5`). oruel_client/mock/spec.py reads specs with the same rule.
FLOAT_12 = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$")
_JsonLikeLoader.add_implicit_resolver("tag:yaml.org,2002:float", FLOAT_12, list("-+.0123456789"))


def parse(text: str, name: str = "<spec>") -> Any:
    """The document in text: JSON when it looks like JSON (faster), else YAML; SpecError when it is neither."""
    stripped = text.lstrip()
    if not stripped:
        raise SpecError(name, [Problem("#", "the file is empty: write an OpenAPI 3.0 or 3.1 document")])
    if stripped[0] in "{[":
        try:
            return json.loads(text)
        except ValueError:
            pass  # YAML flow style also starts with `{`
    try:
        return yaml.load(text, Loader=_JsonLikeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise SpecError(name, [Problem("#", f"not valid YAML or JSON ({where}{problem})")]) from None


def read(path: Path) -> dict[str, Any]:
    """The spec at path as plain JSON data, after the quick checks; SpecError for anything unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SpecError(path, [Problem("#", f"cannot read the file ({err})")]) from None
    doc = parse(text, str(path))
    problems = quick_problems(doc)
    if problems:
        raise SpecError(path, problems)
    return doc  # type: ignore[no-any-return]


SUPPORTED = re.compile(r"3\.[01]\.\d+$")


def quick_problems(doc: Any) -> list[Problem]:
    """What can be told without the validator, with a sharper message than it gives."""
    if not isinstance(doc, dict):
        kind = type(doc).__name__ if doc is not None else "nothing"
        return [Problem("#", f"not an OpenAPI document: the file holds a {kind}, not a mapping with `openapi:`")]
    version = doc.get("openapi")
    if version is None:
        if "swagger" in doc:
            return [Problem("#/swagger", "Swagger 2.0 is not supported: convert the document to OpenAPI 3.0 or 3.1")]
        return [Problem("#", "not an OpenAPI document: it has no `openapi:` version (write `openapi: 3.1.0`)")]
    if not isinstance(version, str) or not SUPPORTED.match(version):
        return [Problem("#/openapi", f"OpenAPI version {version!r} is not supported: write 3.0.x or 3.1.x (quoted)")]
    return list(ref_problems(doc))


def resolve(doc: Any, ref: str) -> Any:
    """The node a local `#/...` reference points at; KeyError when there is none."""
    node = doc
    for part in ref[2:].split("/") if ref != "#" else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(ref)
    return node


def _walk_refs(node: Any, parts: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, parts)]
    while stack:
        node, parts = stack.pop()
        if isinstance(node, dict):
            if "$ref" in node:
                yield parts, node["$ref"]
            stack.extend((sub, (*parts, key)) for key, sub in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((sub, (*parts, i)) for i, sub in reversed(list(enumerate(node))))


# The one form of $ref the generator reads: a whole component.
COMPONENT_REF = re.compile(r"#/components/[A-Za-z]+/[^/]+$")


def ref_problems(doc: dict[str, Any]) -> Iterator[Problem]:
    """Every `$ref` that is not a local pointer to something that exists."""
    for parts, ref in _walk_refs(doc, ()):
        where = pointer((*parts, "$ref"))
        if not isinstance(ref, str):
            yield Problem(where, f"$ref must be a string, not {ref!r}")
        elif not ref.startswith("#"):
            yield Problem(
                where,
                f"$ref {ref!r} points into another document, which the generator does not read: copy the "
                "referenced schema under #/components/schemas and refer to it as #/components/schemas/<Name>",
            )
        else:
            try:
                resolve(doc, ref)
            except KeyError:
                yield Problem(where, f"$ref {ref!r} points at nothing: define it, or fix the reference")
                continue
            if not COMPONENT_REF.match(ref):
                yield Problem(
                    where,
                    f"$ref {ref!r} points inside another object, which the generator does not follow: move the "
                    "target under #/components/<schemas, parameters, ...>/<Name> and refer to it there",
                )


# --------------------------------------------------------------------------------------------- the validator


def _located_validators(base: type[Any]) -> dict[str, type[Any]]:
    """The validator's keyword validators, each noting on the errors it yields where in the document it was
    looking (the innermost one wins), since its own errors carry only a path relative to that place."""
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    out: dict[str, type[Any]] = {}
    for keyword, cls in base.keyword_validators.items():
        # A default is checked by the "default" validator, given the schema that holds it.
        suffix = ("default",) if keyword == "default" else ()

        def call(self: Any, *args: Any, _cls: type[Any] = cls, _suffix: Any = suffix, **kwargs: Any) -> Iterator[Any]:
            where = next((a for a in args if isinstance(a, SchemaPath)), None)
            for err in _cls.__call__(self, *args, **kwargs):
                if not isinstance(err, OpenAPIValidationError):
                    err = OpenAPIValidationError.create_from(err)  # as the validator would, keeping our note
                if where is not None and not hasattr(err, "oruel_parts"):
                    err.oruel_parts = (*where.parts, *_suffix)
                yield err

        out[keyword] = type(f"Located{cls.__name__}", (cls,), {"__call__": call})
    return out


def _meta_validator(base: type[Any]) -> Any:
    """The validator of the whole document against the OpenAPI meta-schema, with that meta-schema's references
    crawled once. The stock one re-crawls it at every `$dynamicRef` (3.1 has one per schema): 2/3 of its time
    on a large spec. Same verdict: the document is checked against `{$ref: <meta-schema>}`."""
    from jsonschema.validators import validator_for  # type: ignore[import-untyped]
    from jsonschema_specifications import REGISTRY as SPECIFICATIONS  # type: ignore[import-untyped]
    from referencing import Resource

    stock = base.schema_validator
    schema = getattr(stock, "schema", None)
    if not isinstance(schema, Mapping) or not isinstance(schema.get("$id"), str) or "$schema" not in schema:
        return stock  # 3.0's draft-4 meta-schema has no dynamic references; another backend: as it is
    schema = dict(schema)
    registry = (Resource.from_contents(schema) @ SPECIFICATIONS).crawl()
    return validator_for(schema)({"$schema": schema["$schema"], "$ref": schema["$id"]}, registry=registry)


def validator_problems(doc: dict[str, Any]) -> list[Problem]:
    """openapi-spec-validator's verdict on the document, as problems with pointers."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    base = OpenAPIV30SpecValidator if str(doc.get("openapi", "")).startswith("3.0") else OpenAPIV31SpecValidator
    located = type(
        "LocatedValidator",
        (base,),
        {"keyword_validators": _located_validators(base), "schema_validator": _meta_validator(base)},
    )
    problems: list[Problem] = []
    for err in located(doc).iter_errors():
        parts = document_parts(doc, (*getattr(err, "oruel_parts", ()), *getattr(err, "absolute_path", ())))
        message = str(getattr(err, "message", err)).splitlines()[0]
        if parts and parts[-1] == "default":
            fix = "change the default to a value the schema accepts, or remove it"
        else:
            fix = f"change it to what OpenAPI {doc['openapi']} allows"
        problems.append(Problem(pointer(parts), f"{message}: {fix}"))
    return sorted(set(problems), key=lambda p: (p.pointer, p.message))


def document_parts(doc: dict[str, Any], parts: Iterable[Any]) -> tuple[Any, ...]:
    """Where a path that the validator followed through `$ref`s really is in the document: the validator
    says `.../schema/required` when that schema is a $ref to the component whose `required` is wrong."""
    node: Any = doc
    where: list[Any] = []
    for part in parts:
        while isinstance(node, dict) and part not in node and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            try:
                node = resolve(doc, ref)
            except KeyError:
                return tuple(where)
            where = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")] if ref != "#" else []
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return (*where, part)  # not in the document (a value inside a default, say): name it anyway
        where.append(part)
    return tuple(where)


VALIDATION_TIMEOUT = 600  # seconds; a 3 MB spec takes about 10


class Validation:
    """openapi-spec-validator running on the document in a forked child (it needs seconds on a large spec);
    `problems()` waits for its verdict. Where fork is not available, it runs in `problems()` itself."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self._doc = doc
        self._answer: list[Problem] | None = None
        self._proc: Any = None
        self._conn: Any = None
        if "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self._conn, child = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(doc, child), daemon=True)
            self._proc.start()
            child.close()

    def problems(self) -> list[Problem]:
        if self._answer is None:
            self._answer = self._wait()
        return self._answer

    def _wait(self) -> list[Problem]:
        if self._proc is None:
            return validator_problems(self._doc)
        try:
            if not self._conn.poll(VALIDATION_TIMEOUT):
                self._proc.kill()
                return [Problem("#", f"openapi-spec-validator did not answer in {VALIDATION_TIMEOUT} s")]
            kind, payload = self._conn.recv()
        except EOFError:
            kind, payload = "crash", f"the validator process ended with code {self._proc.exitcode}"
        finally:
            self._proc.join()
            self._conn.close()
        if kind == "crash":
            return [Problem("#", f"openapi-spec-validator could not check the document: {payload}")]
        return [Problem(p, m) for p, m in payload]

    def cancel(self) -> None:
        if self._answer is None and self._proc is not None and self._proc.is_alive():
            self._proc.kill()
            self._proc.join()


def _child(doc: dict[str, Any], conn: Any) -> None:
    try:
        result: tuple[str, Any] = ("ok", [(p.pointer, p.message) for p in validator_problems(doc)])
    except Exception as err:  # noqa: BLE001 - reported to the parent as a problem, never a traceback
        result = ("crash", f"{type(err).__name__}: {err}")
    conn.send(result)
    conn.close()


def start_validation(doc: dict[str, Any]) -> Validation:
    return Validation(doc)
