"""Render a package from a spec: openapi-python-client 0.29.1 (driven as a library, so our templates get the
extra globals they need) plus our own templates, then the pinned ruff, all inside a temporary folder.

openapi-python-client's Python API is not public; that is why its version is pinned exactly in pyproject.toml
and checked here. Template context objects (Endpoint, ModelProperty, ...) come from that version.
"""

from __future__ import annotations

import keyword
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from pprint import pformat
from typing import Any

from . import spec as specmod
from .params import Params, request_params

PINNED = {"openapi-python-client": "0.29.1", "ruff": "0.17.6"}
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HEADER = "# Generated from {spec} by `python -m generator`: do not edit by hand.\n"
# The folders the generator owns, whole: public endpoint functions and models, and the private rest. Every other
# file of the package is hand-written; openapi-python-client's own root files (client.py, errors.py, types.py)
# are not kept: the hand-written runtime replaces them.
OWNED_DIRS = ("api", "models", "_generated")
# Rendered by our generator with the same Jinja environment, into the owned folders.
EXTRA_TEMPLATES = {
    "_generated/__init__.py": "oruel/__init__.py.jinja",
    "_generated/rules.py": "oruel/rules.py.jinja",
    "_generated/resources.py": "oruel/resources.py.jinja",
    "_generated/document.py": "oruel/document.py.jinja",
    "models/params.py": "oruel/params.py.jinja",
}


class GenerationError(SystemExit):
    pass


def check_pins() -> None:
    for dist, want in PINNED.items():
        try:
            have = metadata.version(dist)
        except metadata.PackageNotFoundError:
            raise GenerationError(f"{dist}=={want} is not installed (pip install -e '.[dev]')") from None
        if have != want:
            raise GenerationError(f"{dist} {have} is installed but output is only deterministic with {want}")


@dataclass
class OpInfo:
    """What a template needs about one operation that openapi-python-client's Endpoint does not keep."""

    op_id: str
    method: str
    path: str
    body: str | None
    chunk_class: str | None
    chunk_module: str | None
    resource: list[str]
    auth: bool
    accept: str | None


def _py_literal(value: Any) -> str:
    # repr() of plain JSON data is a safe Python literal: nothing from the spec is emitted as code.
    return pformat(value, width=110, sort_dicts=False)


class _Context:
    def __init__(self, doc: dict[str, Any], openapi: Any) -> None:
        self.ops = specmod.operations(doc)
        self.models = {m.class_info.name: m for m in openapi.models}
        self.by_route = {(o["method"], o["path"]): oid for oid, o in self.ops.items()}

    def op(self, endpoint: Any) -> OpInfo:
        key = (str(endpoint.method).lower(), endpoint.path.get_untrusted_value())  # lookup only, never emitted
        op_id = self.by_route[key]
        o = self.ops[op_id]
        chunk_class = chunk_module = None
        if o["chunk"]:
            from openapi_python_client.strings import ClassName

            model = self.models[str(ClassName(o["chunk"], "field_"))]
            chunk_class, chunk_module = str(model.class_info.name), str(model.class_info.module_name)
        resource = o["resource"].split(".") if o["resource"] else []
        return OpInfo(
            op_id, o["method"], o["path"], o["body"], chunk_class, chunk_module, resource, o["auth"], o["accept"]
        )

    def stream_finals(self, collections: Any) -> dict[str, tuple[str, str]]:
        """For each stream chunk model: the (class, module) of the operation's non-streamed success body, which
        its chunks add up to (Stream.get_final_completion)."""
        finals: dict[str, tuple[str, str]] = {}
        for collection in collections.values():
            for endpoint in collection.endpoints:
                chunk = self.op(endpoint).chunk_class
                if not chunk:
                    continue
                for response in endpoint.responses.patterns:
                    prop = response.prop
                    if 200 <= response.status_code.range[0] < 300 and type(prop).__name__ == "ModelProperty":
                        finals[chunk] = (str(prop.class_info.name), str(prop.class_info.module_name))
                        break
        return finals

    def response_models(self, collections: Any) -> set[str]:
        """Class names of the models only a server sends: reachable from a response (or a stream chunk) and
        not from any request body. A model reachable from both (ToolCall, FunctionCall: the assistant message
        a user sends back holds the tool calls the server returned) stays a request model: sending must tell
        "not given" from an explicit null, and reading one is unaffected as long as its optional fields are
        few (none today); the class is one per schema, so one of the two conventions has to win."""
        sent: set[str] = set()
        received: set[str] = set()
        for collection in collections.values():
            for endpoint in collection.endpoints:
                for body in endpoint.bodies:
                    self._reach(body.prop, sent)
                for response in endpoint.responses:
                    self._reach(response.prop, received)
                chunk = self.op(endpoint).chunk_class
                if chunk:
                    self._reach(self.models[chunk], received)
        return received - sent

    def _reach(self, prop: Any, seen: set[str]) -> None:
        kind = type(prop).__name__
        if kind == "ModelProperty":
            name = str(prop.class_info.name)
            if name in seen:
                return
            seen.add(name)
            full = self.models.get(name, prop)
            inner: list[Any] = [*(full.required_properties or []), *(full.optional_properties or [])]
            if full.additional_properties not in (None, True, False):
                inner.append(full.additional_properties)
            for sub in inner:
                self._reach(sub, seen)
        elif kind == "ListProperty":
            self._reach(prop.inner_property, seen)
        elif kind == "UnionProperty":
            for sub in prop.inner_properties:
                self._reach(sub, seen)

    def resource_classes(self, collections: Any) -> list[dict[str, Any]]:
        """The facade's classes from each operation's `x-oruel-resource` (e.g. chat.completions.create):
        one class per prefix, the root first; each with its child attributes and its methods."""
        classes: dict[tuple[str, ...], dict[str, Any]] = {}

        def cls(path: tuple[str, ...]) -> dict[str, Any]:
            if path not in classes:
                name = "".join(part.title() for part in path) or "Resources"
                classes[path] = {"name": name, "children": [], "methods": []}
                if path:
                    parent = cls(path[:-1])
                    parent["children"].append((path[-1], name))
            return classes[path]

        cls(())
        for tag, collection in collections.items():
            for endpoint in collection.endpoints:
                info = self.op(endpoint)
                if len(info.resource) < 2:
                    continue
                *parents, method = info.resource
                cls(tuple(parents))["methods"].append((method, endpoint, info, str(tag)))
        return list(classes.values())


def kwarg_name(prop: Any) -> str:
    """The facade keyword of a body field: its JSON name when that is a plain identifier (``input``, as the
    openai SDK spells it, where the models say ``input_``), else the model's attribute name."""
    raw = prop.name.get_untrusted_value()  # emitted only after the identifier check below
    if isinstance(raw, str) and raw.isidentifier() and not keyword.iskeyword(raw) and not raw.startswith("_"):
        return raw
    return str(prop.python_name)


def input_type(prop: Any, params: Params | None = None) -> str:
    """The type a facade keyword accepts: like the model field, but the model's TypedDict (models/params.py) is
    welcome wherever a model is (a mapping of anything for a model without one), sequences wherever a list is,
    and enums take their string values. Dict forms come first, as a named union (ChatMessageParam) where the
    spec names one: they are what most callers write."""
    forms = params.by_model if params else {}
    kind = type(prop).__name__
    if kind == "ModelProperty":
        name = str(prop.class_info.name)
        return f"{forms[name]} | {name}" if name in forms else f"{name} | Mapping[str, Any]"
    if kind == "ListProperty":
        return f"Sequence[{input_type(prop.inner_property, params)}]"
    if kind == "UnionProperty":
        seen: list[str] = []
        for inner in prop.inner_properties:
            for part in input_type(inner, params).split(" | "):
                if part not in seen:
                    seen.append(part)
        dict_forms = [p for p in seen if p in forms.values()]
        for alias, annotation, _ in params.aliases if params else ():
            members = annotation.split(" | ")
            if len(members) > 1 and all(m in seen for m in members):
                dict_forms = [alias] + [p for p in dict_forms if p not in members]
                seen = [p for p in seen if p not in members]
        mapping = "Mapping[str, Any]"
        rest = [p for p in seen if p not in dict_forms and p != mapping]
        return " | ".join(dict_forms + rest + ([mapping] if mapping in seen else []))
    if kind in ("EnumProperty", "LiteralEnumProperty"):
        values = ", ".join(repr(v) for v in prop.values.values())
        return f"Literal[{values}]"
    if kind == "ConstProperty":
        return f"Literal[{prop.value.raw_value!r}]"
    if kind == "NoneProperty":
        return "None"
    if kind == "FileProperty":
        return "FileInput"  # bytes, a binary file object, a path, a (filename, content[, type]) tuple or a File
    return str(prop.get_type_string(no_optional=True).as_unembedded_code())


# Names a model class defines itself; a field spelled like one keeps openapi-python-client's python_name.
MODEL_MEMBERS = frozenset(
    {"to_dict", "from_dict", "to_json", "from_json", "validate", "additional_properties", "additional_keys"}
)


def attr_name(prop: Any) -> str:
    """A model attribute's name: the JSON name when Python allows it (``object``, ``type``, ``id``), else
    openapi-python-client's python_name (``from_``, ``field_1x``). Locals in to_dict/from_dict keep the
    python_name, so a builtin is never shadowed inside a function."""
    raw = prop.name.get_untrusted_value()  # emitted only after the identifier check below
    if (
        isinstance(raw, str)
        and raw.isidentifier()
        and raw.isascii()
        and not keyword.iskeyword(raw)
        and not raw.startswith("_")
        and raw not in MODEL_MEMBERS
    ):
        return raw
    return str(prop.python_name)


def _union_parts(type_string: str) -> list[str]:
    """Top-level members of a `A | list[B | C] | None` annotation."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(type_string):
        depth += ch == "["
        depth -= ch == "]"
        if depth == 0 and type_string.startswith(" | ", i):
            parts.append(type_string[start:i])
            start = i + 3
    parts.append(type_string[start:])
    return [p.strip() for p in parts]


@dataclass
class FieldView:
    """How model.py.jinja declares, reads and writes one property."""

    prop: Any  # as parsed; for a response model's optional field, a required copy (no Unset in its type)
    attr: str
    annotation: str
    default: str | None
    response_optional: bool  # absent reads as None
    nullable: bool  # null is a value of its own type (a response must then remember absent vs null)
    doc: str
    plain: bool  # the JSON value is the Python value: no parsing code (none per chunk on a stream's hot path)
    # What from_dict builds from a value that is present (absent is handled around it): required, so no Unset in its
    # type; in a response, `X | None` parses as X (null is handled around it too).
    parse: Any = None

    @property
    def optional(self) -> bool:
        """The JSON object may lack the key: from_dict looks before it reads, and counts it when present."""
        return self.response_optional or not self.prop.required


PLAIN_KINDS = frozenset(
    {"StringProperty", "IntProperty", "FloatProperty", "BooleanProperty", "AnyProperty", "NoneProperty"}
)


def _is_plain(prop: Any) -> bool:
    kind = type(prop).__name__
    if kind == "UnionProperty":
        return all(_is_plain(inner) for inner in prop.inner_properties)
    return kind in PLAIN_KINDS


def field_view(prop: Any, response_model: bool) -> FieldView:
    import attrs
    from openapi_python_client.strings import safe_for_docstring

    attr = attr_name(prop)
    if response_model and not prop.required:
        prop = attrs.evolve(prop, required=True, default=None)
        annotation = str(prop.get_type_string().as_unembedded_code())
        nullable = "None" in _union_parts(annotation)
        if not nullable:
            annotation += " | None"
        default: str | None = "None"
        response_optional = True
    else:
        annotation = str(prop.get_type_string().as_unembedded_code())
        nullable = "None" in _union_parts(annotation)
        default = (
            str(prop.default.python_code.as_unembedded_code())
            if prop.default is not None
            else (None if prop.required else "UNSET")
        )
        response_optional = False
    doc = f"{attr} ({safe_for_docstring(annotation)}): {safe_for_docstring(prop.description or '')}"
    if prop.example:
        doc += f" Example: {safe_for_docstring(prop.example)}."
    parse = prop if prop.required else attrs.evolve(prop, required=True)
    if response_optional and type(prop).__name__ == "UnionProperty":
        others = [p for p in prop.inner_properties if type(p).__name__ != "NoneProperty"]
        if len(others) == 1:
            parse = attrs.evolve(others[0], required=True, python_name=prop.python_name)
    return FieldView(prop, attr, annotation, default, response_optional, nullable, doc.rstrip(), _is_plain(prop), parse)


def field_views(model: Any, response_models: Iterable[str]) -> list[FieldView]:
    """The model's fields in declaration order: required ones without a default first (attrs needs it)."""
    response = str(model.class_info.name) in set(response_models)
    props = [*(model.required_properties or []), *(model.optional_properties or [])]
    views = [field_view(p, response) for p in props]
    return [v for v in views if v.default is None] + [v for v in views if v.default is not None]


def render(spec_path: Path, out_dir: Path, package_name: str) -> list[Path]:
    """Render the package into out_dir (which must not exist); returns the files written."""
    check_pins()
    from openapi_python_client import Project
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser.errors import GeneratorError
    from openapi_python_client.parser.openapi import GeneratorData

    doc = specmod.load(spec_path)
    broken = specmod.broken_refs(doc)
    if broken:
        raise GenerationError("broken references in the spec:\n  " + "\n  ".join(broken))
    config = Config.from_sources(
        ConfigFile(
            package_name_override=package_name,
            post_hooks=[],
            use_path_prefixes_for_title_model_names=False,
            content_type_overrides=specmod.binary_media_types(doc),
        ),
        MetaType.NONE,
        spec_path,
        "utf-8",
        False,
        out_dir,
    )
    openapi = GeneratorData.from_dict(specmod.prepare_for_generator(doc), config=config)
    if isinstance(openapi, GeneratorError):
        raise GenerationError(f"{openapi.header}: {openapi.detail}")
    project = Project(openapi=openapi, config=config, custom_template_path=TEMPLATES)
    ctx = _Context(doc, openapi)
    params = request_params(doc)
    rules = specmod.compile_rules(doc)
    project.env.globals.update(
        oruel_op=ctx.op,
        input_type=lambda prop: input_type(prop, params),
        kwarg_name=kwarg_name,
        spec_rules=_py_literal(rules),
        spec_operations=_py_literal(ctx.ops),
        spec_document=_py_literal(doc),
        spec_base_url=repr(str((doc.get("servers") or [{"url": ""}])[0]["url"])),
        spec_name=spec_path.name,
        spec_schema_names=sorted(rules),
        resource_classes=ctx.resource_classes,
        response_models=sorted(ctx.response_models(openapi.endpoint_collections_by_tag)),
        stream_finals=ctx.stream_finals(openapi.endpoint_collections_by_tag),
        field_views=field_views,
        params=params,
    )
    errors = list(project.build())
    if errors:
        lines = [f"{e.level.value}: {e.header} {e.detail or ''}".strip() for e in errors]
        raise GenerationError("openapi-python-client reported problems:\n  " + "\n  ".join(lines))
    for path in list(out_dir.iterdir()):
        if path.name not in OWNED_DIRS:
            path.unlink() if path.is_file() else shutil.rmtree(path)
    (out_dir / "_generated").mkdir(exist_ok=True)
    for path in list(out_dir.iterdir()):
        if path.name not in OWNED_DIRS:
            path.unlink() if path.is_file() else shutil.rmtree(path)
    (out_dir / "_generated").mkdir(exist_ok=True)
    for target, template in EXTRA_TEMPLATES.items():
        text = project.env.get_template(template).render()
        (out_dir / target).write_text(text, encoding="utf-8")
    header = HEADER.format(spec=spec_path.name)
    files = sorted(p for p in out_dir.rglob("*.py"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        if not text.startswith("# Generated"):
            path.write_text(header + text, encoding="utf-8")
    _ruff(out_dir)
    return sorted(p for p in out_dir.rglob("*") if p.is_file())


def _ruff(folder: Path) -> None:
    from ruff.__main__ import find_ruff_bin  # the pinned ruff of this environment, not whatever is on PATH

    base = [str(find_ruff_bin())]
    common = ["--isolated", "--no-cache", "--line-length", "120", "--target-version", "py311"]
    for cmd in (
        [*base, "check", *common, "--fix-only", "--select", "F,I,UP", "."],
        [*base, "format", *common, "."],
    ):
        proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True)
        if proc.returncode != 0:
            raise GenerationError(f"ruff {cmd[1]} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
