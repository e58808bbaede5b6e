# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

if TYPE_CHECKING:
    from ..models.text_completion_choice import TextCompletionChoice
    from ..models.usage import Usage


# from_dict makes its instance without __init__ (bound here once: attribute lookups on `object` cost per call).
_new_instance = object.__new__


@_attrs_define
class TextCompletion:
    """Source: decided.

    Attributes:
        id (str): Source: decided.
        object (str): Always `text_completion`. Source: decided.
        created (int): Source: decided.
        model (str): Source: decided.
        choices (list[TextCompletionChoice]): Source: decided.
        usage (None | Usage): Source: decided.
    """

    id: str
    object: str
    created: int
    model: str
    choices: list[TextCompletionChoice]
    usage: None | Usage = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The x-request-id of the answer this value came from (as the openai SDK's _request_id); None for values not
    # from a response or for parts of one.
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    # The JSON names of nullable fields that were absent (not null) in the parsed data, so to_dict() gives back
    # exactly what was received.
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    # JSON name -> (attribute, required), for obj["name"] and "name" in obj.
    _FIELDS: ClassVar[dict[str, tuple[str, bool]]] = {
        "id": ("id", True),
        "object": ("object", True),
        "created": ("created", True),
        "model": ("model", True),
        "choices": ("choices", True),
        "usage": ("usage", False),
    }

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        id = self.id
        field_dict["id"] = id

        object_ = self.object
        field_dict["object"] = object_

        created = self.created
        field_dict["created"] = created

        model = self.model
        field_dict["model"] = model

        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        field_dict["choices"] = choices

        if self.usage is not None or "usage" not in self._absent:
            usage: dict[str, Any] | None
            if isinstance(self.usage, Usage):
                usage = self.usage.to_dict()
            else:
                usage = self.usage
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Built without __init__ (a stream parses one object per event), so every attribute declared above is
        # assigned here (a subclass that adds fields must override from_dict). src_dict is only read: a required key
        # with [], an optional one after `in`.
        # A list or a string given for the object would otherwise pass as an empty one when no field is required
        # (`"delta": []`); the type test first, so a dict pays no ABC check.
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise TypeError(f"TextCompletion.from_dict() takes a mapping, not {type(src_dict).__name__}")
        _obj = _new_instance(cls)
        _obj._request_id = None
        _obj._absent = ()
        known = 5  # known keys in src_dict: the required ones, and each optional one present
        _obj.id = src_dict["id"]

        _obj.object = src_dict["object"]

        _obj.created = src_dict["created"]

        _obj.model = src_dict["model"]

        choices = []
        _choices = src_dict["choices"]
        for choices_item_data in _choices:
            choices_item = TextCompletionChoice.from_dict(choices_item_data)

            choices.append(choices_item)

        _obj.choices = choices

        if "usage" in src_dict:
            known += 1
            usage: None | Usage
            _usage = src_dict["usage"]
            if _usage is None:
                usage = None
            else:
                usage = Usage.from_dict(_usage)

            _obj.usage = usage
        else:
            _obj.usage = None
            _obj._absent += ("usage",)

        # Unknown keys are kept (in a new dict); there are some only when src_dict has more keys than the known ones.
        if len(src_dict) > known:
            _obj.additional_properties = {k: v for k, v in src_dict.items() if k not in cls._FIELDS}
        else:
            _obj.additional_properties = {}
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/TextCompletion.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("TextCompletion", self.to_dict())

    def to_json(self, *, indent: int | None = 2) -> str:
        """The JSON text of to_dict() (for a file, a log, a cache); `json.dumps(obj.to_dict())` is the same."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str | bytes) -> Self:
        """Parse JSON text, as from_dict() parses its decoded value."""
        return cls.from_dict(json.loads(data))

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """The value under a JSON key, known field or not; KeyError when it has none (absent, null or unset)."""
        field = self._FIELDS.get(key)
        if field is None:
            return self.additional_properties[key]
        value = getattr(self, field[0])
        if value is None or isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        field = self._FIELDS.get(key)
        if field is not None:
            setattr(self, field[0], value)
        else:
            self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        field = self._FIELDS.get(key)
        if field is None:
            del self.additional_properties[key]
        elif field[1]:
            raise KeyError(f"{key!r} is a required field of TextCompletion")
        else:
            setattr(self, field[0], None)

    def __contains__(self, key: Any) -> bool:
        """True for a JSON key that holds a value, known field or not (an absent or null field is not in)."""
        if not isinstance(key, str):
            return False
        field = self._FIELDS.get(key)
        if field is None:
            return key in self.additional_properties
        value = getattr(self, field[0])
        return value is not None and not isinstance(value, Unset)


# Imported after the class so that models referring to each other load in any order, and bound once here
# rather than imported again on every to_dict()/from_dict() call (a stream parses thousands of chunks).
if not TYPE_CHECKING:
    from ..models.text_completion_choice import TextCompletionChoice
    from ..models.usage import Usage
