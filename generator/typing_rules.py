"""How generated code is typed, decided once here and read by the templates: model attribute names and
annotations (FieldView, model.py.jinja); the types facade keywords accept (input_type) and endpoint parameters
(param_decl: an enum parameter takes its plain values too); the order and strict tests by which a union's parser
picks its member (union_branches, property_templates/union_property.py.jinja). Two passes over the rendered
modules: unshadow_builtins (a field named like a builtin must not hide it in its class) and mark_long_literals
(a spec string too long for a line)."""

from __future__ import annotations

import builtins
import keyword
import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .params import Params


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
        and raw != "self"  # attrs' __init__ takes self first
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


# ------------------------------------------------------------------------------------------- names and builtins

BUILTINS_ALIAS = "_builtins"  # attr_name never starts with "_", so no field can be called this
# An indented `name:`, `name =` or `def name(`: a class attribute or method (or a local); it may shadow a builtin
# of that name (a facade resource's `list` method hides `list` from the signatures after it).
_INDENTED_NAME = re.compile(
    r"^[ \t]+(?:(?:async[ \t]+)?def[ \t]+(?=\w+[ \t]*\()|(?=\w+[ \t]*[:=]))([A-Za-z_]\w*)", re.MULTILINE
)
_BUILTIN_NAMES = frozenset(dir(builtins))


def unshadow_builtins(source: str) -> str:
    """Keep a field named like a builtin (``bytes``, ``str``, ``dict``) from hiding it: in a class body, the
    annotations, defaults and method signatures after ``bytes: int`` would see the field, not the type (mypy
    refuses them; at run time a field with a default rebinds the name). Each such use in the class scope is
    written ``_builtins.bytes`` instead, and the module imports ``builtins as _builtins``; a module with no such
    class is returned unchanged. Function bodies are left alone: they do not see class attributes."""
    import ast

    if _BUILTIN_NAMES.isdisjoint(_INDENTED_NAME.findall(source)):  # the cheap test: most modules have none
        return source
    if not _may_shadow(source):  # the second cheap test: a field `type` whose name nothing in the class reads
        return source
    tree = ast.parse(source)
    edits: list[tuple[int, int, int, str]] = []  # (line, start column, end column, replacement)
    for cls in _classes(tree):
        bound = _class_bound_names(cls) & _BUILTIN_NAMES
        if not bound:
            continue
        for node in _class_scope_nodes(cls):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id in bound:
                    edits.append((sub.lineno, sub.col_offset, sub.end_col_offset or 0, sub.id))
    if not edits:
        return source
    lines = source.splitlines(keepends=True)
    for line, start, end, name in sorted(edits, reverse=True):
        # ast columns are UTF-8 byte offsets
        raw = lines[line - 1].encode("utf-8")
        lines[line - 1] = (raw[:start] + f"{BUILTINS_ALIAS}.{name}".encode() + raw[end:]).decode("utf-8")
    # The import goes before the module's first one (after `from __future__`, which must stay first).
    imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    first = imports[0] if imports else tree.body[0]
    if isinstance(first, ast.ImportFrom) and first.module == "__future__":
        at = first.end_lineno or first.lineno
    else:
        at = first.lineno - 1
    lines.insert(at, f"import builtins as {BUILTINS_ALIAS}\n")
    return "".join(lines)


_OUTER = re.compile(r"^(?: {0,4}\S|$)")
_NESTED_CLASS = re.compile(r"^[ \t]+class\b", re.MULTILINE)
_CLASS_BINDING = re.compile(r"^    (?:(?:async[ \t]+)?def[ \t]+)?([A-Za-z_]\w*)[ \t]*[:=(]")


def _may_shadow(source: str) -> bool:
    """False only when no builtin bound in a top-level class body is read anywhere in a class scope: the text of
    the statements at indentation 0 or 4 (with their bracketed continuations) names it nowhere but where it is
    bound and after a dot or a quote. Function bodies (indented deeper) do not see class attributes."""
    if _NESTED_CLASS.search(source) or "\t" in source:  # a class in a class, or tabs: the full test
        return True
    outer: list[str] = []
    depth = 0
    for line in source.splitlines():
        if depth > 0 or _OUTER.match(line):
            outer.append(line)
            opened = line.count("(") + line.count("[") + line.count("{")
            depth = max(0, depth + opened - line.count(")") - line.count("]") - line.count("}"))
    bound: set[str] = set()
    rest: list[str] = []
    for line in outer:
        m = _CLASS_BINDING.match(line)
        if m and m.group(1) in _BUILTIN_NAMES:
            bound.add(m.group(1))
            rest.append(line[m.end() :])
        else:
            rest.append(line)
    if not bound:
        return False
    text = "\n".join(rest)
    return any(re.search(rf"(?<![\w.'\"]){name}\b", text) for name in bound)


def _classes(tree: Any) -> Iterator[Any]:
    """Every class statement in tree, however nested, visiting statements only: a class is never inside an
    expression, and the expressions are most of a module's nodes (ast.walk over them costs seconds on 3,700)."""
    import ast

    blocks = (ast.stmt, ast.excepthandler, ast.match_case)
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.ClassDef):
            yield node
        for _, value in ast.iter_fields(node):
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, blocks))


def _class_bound_names(cls: Any) -> set[str]:
    import ast

    names: set[str] = set()
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            names.add(stmt.target.id)
        elif isinstance(stmt, ast.Assign):
            names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
    return names


def _class_scope_nodes(cls: Any) -> list[Any]:
    """The expressions a class body evaluates (or mypy reads) in its own scope."""
    import ast

    nodes: list[Any] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign):
            nodes += [stmt.annotation, *([stmt.value] if stmt.value else [])]
        elif isinstance(stmt, ast.Assign):
            nodes.append(stmt.value)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = stmt.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *filter(None, [args.vararg, args.kwarg])]
            nodes += [a.annotation for a in every if a.annotation]
            nodes += [*stmt.decorator_list, *args.defaults, *filter(None, args.kw_defaults)]
            if stmt.returns:
                nodes.append(stmt.returns)
    return nodes


def mark_long_literals(source: str, limit: int = 120) -> str:
    """`# noqa: E501` on a line longer than the limit that holds a string from the spec which cannot be broken
    (an enum value, a default, a long word): the formatter wraps everything else, and the docstrings are
    word-wrapped by the templates. A line inside a multi-line string is never touched."""
    if max(map(len, source.splitlines()), default=0) <= limit:
        return source
    lines = source.splitlines(keepends=True)
    inside = _docstring_lines(lines)
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if len(body) > limit and i not in inside and "noqa" not in body and ('"' in body or "'" in body):
            lines[i] = body + "  # noqa: E501" + line[len(body) :]
    return "".join(lines)


def wrap_docstrings(source: str, limit: int = 120) -> str:
    """Docstring lines longer than the limit word-wrapped at the same indentation (a spec's description, a long
    union in `Returns:`); a line with a word that alone is too long (a URL) cannot be broken: the docstring
    then ends with `# noqa: E501`, which ruff applies to the whole multi-line string."""
    if max(map(len, source.splitlines()), default=0) <= limit:
        return source
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    start: int | None = None
    too_long = False
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if start is None and len(body) > limit and _one_line_docstring(body):
            out.extend(_wrap_one_line(body, line[len(body) :], limit))
            continue
        opens = start is None and _opens_docstring(body)
        if opens:
            start = i
        if start is None:
            out.append(line)
            continue
        closes = '"""' in (body.lstrip()[3:] if opens else body)
        if len(body) > limit:
            indent = body[: len(body) - len(body.lstrip())]
            pieces = textwrap.wrap(
                body.strip(), limit - len(indent), break_long_words=False, break_on_hyphens=False
            ) or [body.strip()]
            too_long = too_long or any(len(indent) + len(p) > limit for p in pieces)
            out.extend(indent + p + line[len(body) :] for p in pieces)
        else:
            out.append(line)
        if closes:
            if too_long and "noqa" not in out[-1]:
                last = out[-1].rstrip("\r\n")
                out[-1] = last + "  # noqa: E501" + out[-1][len(last) :]
            start, too_long = None, False
    return "".join(out)


def _one_line_docstring(body: str) -> bool:
    """A docstring opened and closed on this line (a resource's or a model's one-line description)."""
    text = body.strip()
    return text.startswith('"""') and text.endswith('"""') and len(text) > 6 and '"""' not in text[3:-3]


def _wrap_one_line(body: str, end: str, limit: int) -> list[str]:
    """A one-line docstring word-wrapped into a multi-line one at its indentation; a word too long to break
    leaves the string ending with `# noqa: E501`."""
    indent = body[: len(body) - len(body.lstrip())]
    pieces = textwrap.wrap(body.strip(), limit - len(indent), break_long_words=False, break_on_hyphens=False)
    lines = [indent + p for p in pieces]
    if any(len(line) > limit for line in lines):
        lines[-1] += "  # noqa: E501"
    return [line + end for line in lines]


def _opens_docstring(body: str) -> bool:
    """A line that opens a multi-line docstring (in generated code only docstrings span lines)."""
    text = body.lstrip()
    if text[:1] in "rRbBuU":
        text = text[1:]
    return text.startswith('"""') and '"""' not in text[3:]


def _docstring_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines a docstring continues past (no comment can go there). In generated code only a
    docstring spans lines, and it opens a line with triple double quotes: repr() of a spec string (the data
    modules) never starts so, and implicit concatenations (the formatter's) are one string per line."""
    inside: set[int] = set()
    start: int | None = None
    for i, line in enumerate(lines):
        if start is None:
            text = line.lstrip()
            if text[:1] in "rRbBuU":
                text = text[1:]
            if text.startswith('"""') and '"""' not in text[3:]:
                start = i
        elif '"""' in line:
            inside.update(range(start, i))
            start = None
    return inside


# ------------------------------------------------------------------------------------------------------- unions


@dataclass
class Branch:
    """One member of a union, as its parser tries it: `check` is a strict test of the JSON value `data` (the
    JSON type, an enum's values, a const, an object's required keys); `lenient` marks the enum that takes an
    unknown value once no branch matched (StrEnum/IntEnum _missing_ keeps it)."""

    prop: Any
    check: str
    rank: tuple[int, int]
    lenient: bool = False


_SIMPLE_CHECKS = {
    "StringProperty": "isinstance({v}, str)",
    "DateProperty": "isinstance({v}, str)",
    "DateTimeProperty": "isinstance({v}, str)",
    "UuidProperty": "isinstance({v}, str)",
    "IntProperty": "isinstance({v}, int) and not isinstance({v}, bool)",
    "FloatProperty": "isinstance({v}, (int, float)) and not isinstance({v}, bool)",
    "BooleanProperty": "isinstance({v}, bool)",
    "NoneProperty": "{v} is None",
    # A binary string in a JSON body (`format: binary` beside a plain string): only bytes given in Python.
    "FileProperty": "isinstance({v}, bytes)",
}
# Tried first to last: what names its values exactly, then objects and arrays, then the JSON types that accept
# more (a string branch takes any string, so an open enum's `str` comes after the enum's values).
_RANKS = {
    "ConstProperty": 0,
    "NoneProperty": 0,
    "BooleanProperty": 0,
    "EnumProperty": 1,
    "LiteralEnumProperty": 1,
    "ModelProperty": 2,
    "ListProperty": 3,
    "DateProperty": 4,
    "DateTimeProperty": 4,
    "UuidProperty": 4,
    "IntProperty": 5,
    "FloatProperty": 6,
    "StringProperty": 7,
}


def _literal(value: Any) -> str:
    # repr() of a str/int/float/bool/None from the spec is a safe Python literal: data, never code.
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    raise TypeError(f"not a JSON scalar: {value!r}")


def _enum_values(prop: Any) -> list[Any]:
    return list(prop.values.values())


def value_check(prop: Any, v: str, models: dict[Any, Any], depth: int = 0) -> str:
    """A Python expression, true when the JSON value named `v` can only be read as `prop` (or could be, for a
    model whose keys do not discriminate): its JSON type, an enum's values, a const, an object's required
    keys and const fields, a list's every item."""
    kind = type(prop).__name__
    if kind in _SIMPLE_CHECKS:
        return _SIMPLE_CHECKS[kind].format(v=v)
    if kind == "ConstProperty":
        raw = prop.value.raw_value
        return f"{v} is {raw!r}" if isinstance(raw, bool) or raw is None else f"{v} == {_literal(raw)}"
    if kind in ("EnumProperty", "LiteralEnumProperty"):
        values = _enum_values(prop)
        if values and all(isinstance(x, int) and not isinstance(x, bool) for x in values):
            base = f"isinstance({v}, int) and not isinstance({v}, bool)"
        else:
            base = f"isinstance({v}, str)"
        if len(values) == 1:
            return f"{base} and {v} == {_literal(values[0])}"
        return f"{base} and {v} in ({', '.join(_literal(x) for x in values)})"
    if kind == "ModelProperty":
        full = models.get(prop.class_info.name, prop)
        parts = [f"isinstance({v}, dict)"]
        for req in full.required_properties or []:
            key = req.name.get_untrusted_value()  # emitted through repr(): a literal, never code
            tag = _tag_value(req)
            if tag is not _NO_TAG:
                parts.append(f"{v}.get({_literal(key)}) == {_literal(tag)}")
            else:
                parts.append(f"{_literal(key)} in {v}")
        return " and ".join(parts)
    if kind == "ListProperty":
        item = f"_i{depth}"
        inner = value_check(prop.inner_property, item, models, depth + 1)
        if inner == "True":
            return f"isinstance({v}, list)"
        return f"isinstance({v}, list) and all({inner} for {item} in {v})"
    if kind == "UnionProperty":
        checks = [value_check(p, v, models, depth) for p in prop.inner_properties]
        return "True" if "True" in checks else " or ".join(f"({c})" for c in checks)
    return "True"  # Any, a file: nothing to tell it by


_NO_TAG = object()


def _tag_value(prop: Any) -> Any:
    """The one value a required field may hold (`const: text`, or `enum: [text]` as vendor specs spell a type
    tag), which tells an object's schema from its siblings'; _NO_TAG otherwise."""
    kind = type(prop).__name__
    if kind == "ConstProperty":
        return prop.value.raw_value
    if kind == "EnumProperty" and len(prop.values) == 1:
        return _enum_values(prop)[0]
    return _NO_TAG


def _rank(prop: Any, models: dict[Any, Any]) -> tuple[int, int]:
    kind = type(prop).__name__
    if kind == "ModelProperty":
        full = models.get(prop.class_info.name, prop)
        required = list(full.required_properties or [])
        consts = sum(_tag_value(p) is not _NO_TAG for p in required)
        # More consts, then more required keys: the more specific object first.
        return (2, -(consts * 1000 + len(required)))
    if kind == "ListProperty":
        return (3, _rank(prop.inner_property, models)[0])
    if kind == "UnionProperty":
        return min(_rank(p, models) for p in prop.inner_properties)
    return (_RANKS.get(kind, 9), 0)


_JSON_TYPES = {
    "StringProperty": "string",
    "DateProperty": "string",
    "DateTimeProperty": "string",
    "UuidProperty": "string",
    "EnumProperty": "string",  # or integer: _json_type
    "LiteralEnumProperty": "string",
    "IntProperty": "number",
    "FloatProperty": "number",
    "BooleanProperty": "boolean",
    "NoneProperty": "null",
    "ModelProperty": "object",
    "ListProperty": "array",
}


def _json_type(prop: Any) -> str:
    kind = type(prop).__name__
    if kind in ("EnumProperty", "LiteralEnumProperty"):
        values = _enum_values(prop)
        return "number" if values and all(isinstance(x, int) for x in values) else "string"
    return _JSON_TYPES.get(kind, "any")


@dataclass(frozen=True)
class Discriminator:
    """A union's `discriminator`: the property whose value names the member, and the values (tags) that select
    each member's class."""

    prop: str
    tags: dict[str, tuple[Any, ...]]


_SCHEMAS_REF = "#/components/schemas/"
_BY_TAG = 10**9  # a member told by its tag comes before every object member told by its keys only


def discriminators(doc: dict[str, Any], models: dict[Any, Any]) -> list[Discriminator]:
    """Every `discriminator` (3.0 and 3.1 alike) of a oneOf/anyOf of component references in the normalized
    document, with each member's tags: the `mapping` keys that name it (a reference or a bare component name);
    else the values its own tag property allows (`enum`/`const`, as OpenAI's spec relies on); else, as OpenAPI
    says, its component name. A union whose members have no generated class is left out."""
    comps = (doc.get("components") or {}).get("schemas") or {}
    from openapi_python_client.strings import ClassName

    # Upstream names a component's class from its title, which normalize.class_names made its key.
    by_key = {key: str(ClassName(key, "field_")) for key in comps}
    by_key = {key: name for key, name in by_key.items() if name in models}
    found: list[Discriminator] = []
    for node in _nodes(doc):
        disc, members = node.get("discriminator"), node.get("oneOf") or node.get("anyOf")
        if not isinstance(disc, dict) or not isinstance(disc.get("propertyName"), str) or not isinstance(members, list):
            continue
        name = disc["propertyName"]
        keys = [m["$ref"][len(_SCHEMAS_REF) :] for m in members if isinstance(m, dict) and _is_component_ref(m)]
        mapped: dict[str, list[Any]] = {key: [] for key in keys}
        for tag, target in (disc.get("mapping") or {}).items():
            key = target[len(_SCHEMAS_REF) :] if str(target).startswith(_SCHEMAS_REF) else str(target)
            if key in mapped:
                mapped[key].append(tag)
        tags: dict[str, tuple[Any, ...]] = {}
        for key in keys:
            own = ((comps.get(key) or {}).get("properties") or {}).get(name) or {}
            values = own.get("enum") if isinstance(own.get("enum"), list) else [own["const"]] if "const" in own else []
            if key in by_key:
                tags[by_key[key]] = tuple(mapped[key] or values or [key])
        if len(tags) > 1:
            found.append(Discriminator(name, tags))
    return found


def _is_component_ref(node: dict[str, Any]) -> bool:
    return isinstance(node.get("$ref"), str) and node["$ref"].startswith(_SCHEMAS_REF)


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for sub in value.values():
            yield from _nodes(sub)
    elif isinstance(value, list):
        for sub in value:
            yield from _nodes(sub)


def _discriminator_of(inner: list[Any], found: list[Discriminator]) -> Discriminator | None:
    """The discriminator whose members are all members of this union (the most of them): upstream flattens a
    discriminated oneOf nested in an anyOf (with null, or one more object) into one union."""
    names = {str(p.class_info.name) for p in inner if type(p).__name__ == "ModelProperty"}
    fitting = [d for d in found if set(d.tags) <= names]
    return max(fitting, key=lambda d: len(d.tags), default=None)


def union_branches(prop: Any, models: dict[Any, Any], found: list[Discriminator] | None = None) -> list[Branch]:
    """The members of a union in the order its parser tries them (stable within a rank: spec order). A member
    alone with its JSON type is told by that type (no per-item test of an embedding's floats); members that
    share one are told by their values, keys and items; a member a `discriminator` names is told by its tag
    first (by its keys only when the value has no tag)."""
    inner = list(prop.inner_properties)
    types = [_json_type(p) for p in inner]
    shallow = {"string": "isinstance(data, str)", "array": "isinstance(data, list)", "object": "isinstance(data, dict)"}
    disc = _discriminator_of(inner, found or [])
    branches = []
    for i, (p, t) in enumerate(zip(inner, types, strict=True)):
        alone = types.count(t) == 1 and "any" not in types and t in shallow
        check = shallow[t] if alone else value_check(p, "data", models)
        rank = _rank(p, models)
        tags = disc.tags.get(str(p.class_info.name)) if disc and type(p).__name__ == "ModelProperty" else None
        if disc and tags and not alone:
            key = _literal(disc.prop)
            test = f"data[{key}] == {_literal(tags[0])}"
            if len(tags) > 1:
                test = f"data[{key}] in ({', '.join(map(_literal, tags))},)"
            check = f"isinstance(data, dict) and ({test} if {key} in data else ({check}))"
            rank = (rank[0], rank[1] - _BY_TAG)
        branches.append(Branch(_short_local(p, i), check, rank))
    branches.sort(key=lambda b: b.rank)
    # An enum's _missing_ keeps an unknown value, unless a plain string (integer) member takes it.
    seen_kinds = {k for k, plain in (("str", "StringProperty"), ("int", "IntProperty")) if _has(branches, plain)}
    for b in branches:
        kind = type(b.prop).__name__
        if kind == "EnumProperty":
            key = "int" if all(isinstance(x, int) for x in _enum_values(b.prop)) else "str"
            if key not in seen_kinds:
                seen_kinds.add(key)
                b.lenient = True
    return branches


def _short_local(prop: Any, index: int) -> Any:
    """The member with a short name for the local variable its parser assigns: upstream names it from the
    schema's path (`componentsschemas_..._type_0`), which alone can pass the line length deep in a nested union."""
    if len(str(prop.python_name)) <= 60:  # today's names stay (openapi.yaml: up to 46)
        return prop
    import attrs
    from openapi_python_client.strings import PythonIdentifier

    return attrs.evolve(prop, python_name=PythonIdentifier(f"member_{index}", prefix=""))


def _has(branches: list[Branch], kind: str) -> bool:
    return any(type(b.prop).__name__ == kind for b in branches)


def merged_list_branch(prop: Any) -> Any:
    """For to_dict: a union's list members as one list of the union of their items (`list[A] | list[str]` tests
    each item, where isinstance(value, list) cannot tell the members apart); None with fewer than two."""
    import attrs
    from openapi_python_client.strings import PythonIdentifier

    lists = [p for p in prop.inner_properties if type(p).__name__ == "ListProperty"]
    if len(lists) < 2:
        return None
    items: list[Any] = []
    for lst in lists:
        inner = lst.inner_property
        if str(inner.get_type_string()) not in {str(i.get_type_string()) for i in items}:
            items.append(inner)
    name = PythonIdentifier(f"{prop.python_name}_item", "")
    union = attrs.evolve(prop, inner_properties=items, python_name=name, required=True, default=None)
    return attrs.evolve(lists[0], inner_property=union, required=True, default=None)


# ------------------------------------------------------------------------------------------- endpoint parameters


def _enum_literal(prop: Any) -> str:
    return f"Literal[{', '.join(_literal(v) for v in _enum_values(prop))}]"


@dataclass(frozen=True)
class ParamEnum:
    """The enum of a path, query or header parameter: its own or its items' (`many`), maybe nullable (3.0
    `nullable`, or `anyOf: [enum, null]`)."""

    enum: Any
    many: bool
    nullable: bool


def param_enum(prop: Any) -> ParamEnum | None:
    """How a parameter takes an enum (its own, its items', either or None), or None when it takes none."""
    nullable = False
    if type(prop).__name__ == "UnionProperty":
        inner = [p for p in prop.inner_properties if type(p).__name__ != "NoneProperty"]
        if len(inner) != 1 or len(inner) == len(prop.inner_properties):
            return None
        prop, nullable = inner[0], True
    kind = type(prop).__name__
    if kind == "EnumProperty":
        return ParamEnum(prop, False, nullable)
    if kind == "ListProperty" and type(prop.inner_property).__name__ == "EnumProperty":
        return ParamEnum(prop.inner_property, True, nullable)
    return None


def param_decl(prop: Any) -> str:
    """A parameter's declaration in an endpoint function's signature: openapi-python-client's, except that an enum
    (or a list of one) also takes its plain values, as a body field does (`order="asc"` or `Order.ASC`)."""
    declared = str(prop.to_string().as_unembedded_code())
    enum = param_enum(prop)
    if enum is None:
        return declared
    one = f"{enum.enum.class_info.name} | {_enum_literal(enum.enum)}"
    annotation = f"list[{one}]" if enum.many else one
    if enum.nullable:
        annotation += " | None"
    if not prop.required:
        annotation += " | Unset"
    default = declared.partition(" = ")[2]
    return f"{prop.python_name}: {annotation}" + (f" = {default}" if default else "")
