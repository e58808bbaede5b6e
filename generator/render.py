"""Render a package from a spec: openapi-python-client 0.29.1 (driven as a library, so our templates get the
extra globals they need) plus our own templates, then the pinned ruff, all inside a temporary folder.

openapi-python-client's Python API is not public; that is why its version is pinned exactly in pyproject.toml
and checked here. Template context objects (Endpoint, ModelProperty, ...) come from that version.
"""

from __future__ import annotations

import keyword
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from pprint import PrettyPrinter
from typing import Any

from . import spec as specmod
from . import upstream, upstream_patches
from .params import request_params
from .plan import NEEDS_FILE, OperationPlan, Pagination, PlanError, class_names, identifier, missing_needs, module_names
from .plan import operations as plan_operations
from .ruff_pass import RuffFailed, RuffPipeline
from .typing_rules import (
    discriminators,
    field_views,
    input_type,
    mark_long_literals,
    merged_list_branch,
    param_decl,
    param_enum,
    union_branches,
    unshadow_builtins,
    wrap_docstrings,
)

PINNED = {"openapi-python-client": "0.29.1", "ruff": "0.17.6"}
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HEADER = "# Generated from {spec} by `python -m generator`: do not edit by hand.\n"
# The folders the generator owns, whole: public endpoint functions and models, and the private rest. Every other
# file of the package is hand-written; openapi-python-client's own root files (client.py, errors.py, types.py)
# are not kept: the hand-written runtime replaces them.
OWNED_DIRS = ("api", "models", "_generated")
# Rendered by our generator with the same Jinja environment, into the owned folders; and RESOURCE_TEMPLATE once per
# top-level facade resource, into _generated/resources/<resource>.py.
EXTRA_TEMPLATES = {
    "_generated/__init__.py": "oruel/__init__.py.jinja",
    "_generated/rules.py": "oruel/rules.py.jinja",
    "_generated/resources/__init__.py": "oruel/resources/__init__.py.jinja",
    "_generated/document.py": "oruel/document.py.jinja",
    "models/params.py": "oruel/params.py.jinja",
}
RESOURCE_TEMPLATE = "oruel/resources/resource.py.jinja"


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
    """What a template needs about one operation that openapi-python-client's Endpoint does not keep: the plan's
    decisions (generator/plan.py) with the class names openapi-python-client gave their schemas."""

    op_id: str
    method: str
    path: str
    body: str | None
    chunk_class: str | None  # a stream of one chunk model
    chunk_module: str | None
    resource: list[str]
    auth: bool
    accept: str | None
    # A stream of several event models: (type value, class, module) each; chunk_type is what a stream yields.
    events: list[tuple[str, str, str]] = field(default_factory=list)
    discriminator: str = "type"
    stream_done: bool = True
    stream_flag: bool = True
    pagination: Pagination | None = None
    deep_objects: tuple[str, ...] = ()  # query parameters sent as name[key]=value

    @property
    def streams(self) -> bool:
        return bool(self.chunk_class or self.events)

    @property
    def chunk_type(self) -> str | None:
        if self.events:
            return " | ".join([*(cls for _, cls, _ in self.events), "UnknownEvent"])
        return self.chunk_class

    @property
    def chunk_alias(self) -> str | None:
        """A short name for chunk_type (a union of many events would not fit a line): a TypeAlias the endpoint
        module and the facade define."""
        return event_alias(self.op_id) if self.events else self.chunk_class

    @property
    def chunk_imports(self) -> list[tuple[str, str]]:
        if self.events:
            return [(module, cls) for _, cls, module in self.events]
        return [(self.chunk_module, self.chunk_class)] if self.chunk_class and self.chunk_module else []


def event_alias(op_id: str) -> str:
    """The private TypeAlias of an operation's event union: never a model's name (those never start with _)."""
    return "_" + "".join(w.capitalize() for w in identifier(op_id).split("_") if w) + "Event"


class _MemoPrinter(PrettyPrinter):
    """pformat's output, in time linear in the size of the data: PrettyPrinter asks for the flat repr of every
    container once per enclosing level (to see whether it fits the width); each is computed once here."""

    def __init__(self) -> None:
        super().__init__(width=110, sort_dicts=False)
        self._memo: dict[int, tuple[str, bool, bool]] = {}

    def format(self, obj: Any, context: dict[int, int], maxlevels: int, level: int) -> tuple[str, bool, bool]:
        if not isinstance(obj, (dict, list)):
            return super().format(obj, context, maxlevels, level)
        found = self._memo.get(id(obj))
        if found is None:  # the data is a tree of JSON values (no cycles) that outlives the printer
            found = self._memo[id(obj)] = super().format(obj, context, maxlevels, level)
        return found


def _py_literal(value: Any) -> str:
    # repr() of plain JSON data is a safe Python literal: nothing from the spec is emitted as code.
    return _MemoPrinter().pformat(value)


class _Context:
    def __init__(self, ops: dict[str, OperationPlan], openapi: Any) -> None:
        self.ops = ops
        self.models = {m.class_info.name: m for m in openapi.models}
        # Names the facade module imports (models, enums; the request params are added by render()): a resource
        # class must not reuse one, or its annotation would name the resource instead of the model.
        self.taken: set[str] = {*self.models, *(e.class_info.name for e in openapi.enums), *_FACADE_NAMES}
        self.by_route = {(o.method, o.path): oid for oid, o in self.ops.items()}

    def _model(self, schema: str) -> Any:
        from openapi_python_client.strings import ClassName

        return self.models[str(ClassName(schema, "field_"))]

    def op(self, endpoint: Any) -> OpInfo:
        key = (str(endpoint.method).lower(), endpoint.path.get_untrusted_value())  # lookup only, never emitted
        o = self.ops[self.by_route[key]]
        chunk_class = chunk_module = None
        if o.chunk:
            model = self._model(o.chunk)
            chunk_class, chunk_module = str(model.class_info.name), str(model.class_info.module_name)
        events = []
        for event in o.events:
            model = self._model(event.schema)
            events.append((event.type, str(model.class_info.name), str(model.class_info.module_name)))
        return OpInfo(
            o.op_id,
            o.method,
            o.path,
            o.body,
            chunk_class,
            chunk_module,
            o.resource.split("."),
            o.auth,
            o.accept,
            events,
            o.discriminator,
            o.stream_done,
            o.stream_flag,
            o.pagination,
            o.deep_objects,
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
                        if str(prop.class_info.name) != chunk:  # a stream-only operation has no final body
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
                for _, chunk in self.op(endpoint).chunk_imports:
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

    def event_aliases(self) -> list[tuple[str, str]]:
        """(alias, union) of every operation's event union, for the facade module."""
        out = []
        for o in self.ops.values():
            if o.events:
                classes = [str(self._model(e.schema).class_info.name) for e in o.events]
                out.append((event_alias(o.op_id), " | ".join([*classes, "UnknownEvent"])))
        return sorted(out)

    def _ok_model(self, endpoint: Any) -> Any:
        for response in endpoint.responses.patterns:
            prop = response.prop
            if 200 <= response.status_code.range[0] < 300 and type(prop).__name__ == "ModelProperty":
                return self.models.get(str(prop.class_info.name), prop)
        return None

    def page_item_type(self, endpoint: Any, info: OpInfo) -> str:
        """The type of a paginated list's items: the answer's items array's, else Any."""
        model = self._ok_model(endpoint)
        if model is None or info.pagination is None:
            return "Any"
        for prop in [*(model.required_properties or []), *(model.optional_properties or [])]:
            if prop.name.get_untrusted_value() == info.pagination.items and type(prop).__name__ == "ListProperty":
                return str(prop.inner_property.get_type_string(no_optional=True).as_unembedded_code())
        return "Any"

    def cursor_param(self, endpoint: Any, info: OpInfo) -> str:
        """The Python name of the query parameter that takes a paginated list's cursor."""
        assert info.pagination is not None
        for parameter in endpoint.query_parameters:
            if parameter.name.get_untrusted_value() == info.pagination.param:
                return str(parameter.python_name)
        raise GenerationError(f"{info.op_id}: no query parameter {info.pagination.param!r} for the cursor")

    def resource_modules(self, collections: Any) -> list[dict[str, Any]]:
        """The facade, one module per top-level resource (each imported on first use, so that importing the
        client costs the same however many operations the spec has): its attribute, its classes (one per prefix
        of the operations' planned resources, e.g. chat.completions.create; parents first), each with its child
        attributes and its methods, and the event aliases its methods name."""
        methods: dict[tuple[str, ...], list[tuple[str, Any, OpInfo, str]]] = {}
        for tag, collection in collections.items():
            for endpoint in collection.endpoints:
                info = self.op(endpoint)
                if len(info.resource) < 2:
                    continue
                *parents, method = info.resource
                for i in range(1, len(parents) + 1):
                    methods.setdefault(tuple(parents[:i]), [])
                methods[tuple(parents)].append((method, endpoint, info, str(tag)))
        names = class_names(list(methods), self.taken)
        classes: dict[tuple[str, ...], dict[str, Any]] = {
            path: {"name": names[path], "children": [], "methods": found} for path, found in methods.items()
        }
        aliases = dict(self.event_aliases())
        modules: dict[str, dict[str, Any]] = {}
        for path, cls in classes.items():  # a parent was registered before its children
            if len(path) > 1:
                classes[path[:-1]]["children"].append((path[-1], cls["name"]))
            module = modules.setdefault(path[0], {"attr": path[0], "name": cls["name"], "classes": [], "aliases": {}})
            module["classes"].append(cls)
            for _, _, info, _ in cls["methods"]:
                if info.events:
                    alias = event_alias(info.op_id)
                    module["aliases"][alias] = aliases[alias]
        files = module_names(list(modules))
        for module in modules.values():
            module["aliases"] = sorted(module["aliases"].items())
            module["file"] = files[module["attr"]]
        return list(modules.values())


# What the facade modules (templates/oruel/resources/) import or define besides the models, enums and request
# params: a resource class must not take one of these names.
_FACADE_NAMES = {
    "Any",
    "Literal",
    "Mapping",
    "Sequence",
    "TypeAlias",
    "Oruel",
    "AsyncOruel",
    "Resources",
    "AsyncResources",
    "Stream",
    "AsyncStream",
    "UnknownEvent",
    "File",
    "FileInput",
    "Timeout",
    "UUID",
    "Unset",
    "CursorSpec",
    "SyncCursorPage",
    "AsyncPaginator",
}


def kwarg_name(prop: Any) -> str:
    """The facade keyword of a body field: its JSON name when that is a plain identifier (``input``, as the
    openai SDK spells it, where the models say ``input_``), else the model's attribute name."""
    raw = prop.name.get_untrusted_value()  # emitted only after the identifier check below
    if isinstance(raw, str) and raw.isidentifier() and not keyword.iskeyword(raw) and not raw.startswith("_"):
        return raw
    return str(prop.python_name)


def render(
    spec_path: Path, out_dir: Path, package_name: str, doc: dict[str, Any], needed: Mapping[str, str] | None = None
) -> list[Path]:
    """Render the package from doc (the spec at spec_path, loaded and normalized: generator.load and
    generator.normalize) into out_dir (which must not exist); returns the files written. ``needed``: the facade
    methods hand-written code calls (method -> who), which the spec must still make."""
    check_pins()
    from openapi_python_client import Project
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser.errors import GeneratorError
    from openapi_python_client.parser.openapi import GeneratorData

    try:
        ops = plan_operations(doc)
    except PlanError as err:
        raise GenerationError(str(err)) from None
    missing = missing_needs(ops, dict(needed or {}))
    if missing:
        raise GenerationError(
            f"{spec_path.name} no longer makes facade methods that hand-written code calls:\n  "
            + "\n  ".join(missing)
            + f"\nRestore the operations (or their x-oruel-resource), or change that code and {NEEDS_FILE}."
        )
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
    notes: list[str] = []
    with upstream_patches.patched():
        openapi = GeneratorData.from_dict(upstream.adapt(specmod.prepare_for_generator(doc), notes), config=config)
    for note in dict.fromkeys(notes):  # what the generated client does differently from the spec's letter
        print(f"note: {note}", file=sys.stderr)
    if isinstance(openapi, GeneratorError):
        raise GenerationError(f"{openapi.header}: {openapi.detail}")
    parsed = [*openapi.errors, *(e for c in openapi.endpoint_collections_by_tag.values() for e in c.parse_errors)]
    if parsed:  # before any template runs: what was left out explains what fails later
        lines = "\n  ".join(map(upstream_problem, parsed))
        raise GenerationError("openapi-python-client reported problems:\n  " + lines)
    project = Project(openapi=openapi, config=config, custom_template_path=TEMPLATES)
    upstream_patches.fast_template_globals(project.env)
    ctx = _Context(ops, openapi)
    params = request_params(doc)
    ctx.taken.update(params.names)
    resource_modules = ctx.resource_modules(openapi.endpoint_collections_by_tag)
    rules = specmod.compile_rules(doc)
    found_discriminators = discriminators(doc, ctx.models)
    project.env.globals.update(
        oruel_op=ctx.op,
        input_type=lambda prop: input_type(prop, params),
        kwarg_name=kwarg_name,
        spec_rules=_py_literal(rules),
        spec_operations=_py_literal({op_id: o.as_rules() for op_id, o in ops.items()}),
        spec_document=_py_literal(doc),
        spec_base_url=repr(str((doc.get("servers") or [{"url": ""}])[0]["url"])),
        spec_name=spec_path.name,
        spec_schema_names=sorted(rules),
        resource_modules=resource_modules,
        identifiers=lambda text: set(re.findall(r"[A-Za-z_]\w*", text)),
        page_item_type=ctx.page_item_type,
        cursor_param=ctx.cursor_param,
        response_models=sorted(ctx.response_models(openapi.endpoint_collections_by_tag)),
        stream_finals=ctx.stream_finals(openapi.endpoint_collections_by_tag),
        field_views=field_views,
        union_branches=lambda prop: union_branches(prop, ctx.models, found_discriminators),
        merged_list_branch=merged_list_branch,
        param_decl=param_decl,
        param_enum=param_enum,
        params=params,
    )
    errors = list(project.build())
    if errors:
        lines = "\n  ".join(map(upstream_problem, errors))
        raise GenerationError("openapi-python-client reported problems:\n  " + lines)
    for path in list(out_dir.iterdir()):
        if path.name not in OWNED_DIRS:
            path.unlink() if path.is_file() else shutil.rmtree(path)
    (out_dir / "_generated" / "resources").mkdir(parents=True, exist_ok=True)
    for target, template in EXTRA_TEMPLATES.items():
        text = project.env.get_template(template).render()
        (out_dir / target).write_text(text, encoding="utf-8")
    for module in resource_modules:
        text = project.env.get_template(RESOURCE_TEMPLATE).render(module=module)
        (out_dir / "_generated" / "resources" / f"{module['file']}.py").write_text(text, encoding="utf-8")
    header = HEADER.format(spec=spec_path.name)
    files = sorted(p for p in out_dir.rglob("*.py"))
    ruff = RuffPipeline(out_dir)
    try:
        for start in range(0, len(files), RUFF_BATCH):  # ruff works on one batch while the next is prepared
            batch = files[start : start + RUFF_BATCH]
            for path in batch:
                _rewrite(
                    path, lambda text: unshadow_builtins(text if text.startswith("# Generated") else header + text)
                )
            ruff.submit(batch)
        for batch in ruff.finished():
            for path in batch:
                _rewrite(path, lambda text: mark_long_literals(wrap_docstrings(text)))
    except RuffFailed as err:
        raise GenerationError(str(err)) from None
    finally:
        ruff.cancel()  # when a pass above failed: ruff stops too (a no-op once it has finished)
    return sorted(p for p in out_dir.rglob("*") if p.is_file())


RUFF_BATCH = 800  # files per ruff run: a few runs overlap the passes here; smaller ones lose ruff's own parallelism


def _rewrite(path: Path, change: Callable[[str], str]) -> None:
    """path's text through change, written back only when that changed it (most files are left as they are)."""
    text = path.read_text(encoding="utf-8")
    new = change(text)
    if new != text:
        path.write_text(new, encoding="utf-8")


def upstream_problem(error: Any) -> str:
    """One openapi-python-client error or warning, with the operation or schema it is about (its header says
    which, e.g. `WARNING parsing GET /files within files.`; a schema's pointer comes from its `data`)."""

    header = " ".join(str(error.header or "").split())
    detail = " ".join(str(error.detail or "").split())
    # Status codes arrive as an object's repr; the operation in the header already says where.
    detail = re.sub(r"<openapi_python_client\.\S+ object at 0x[0-9a-f]+>", "?", detail)
    level = "" if header.startswith(error.level.value) else f"{error.level.value}: "
    return f"{level}{header} {detail}".strip()
