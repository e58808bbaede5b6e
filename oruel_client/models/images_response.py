# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self, overload

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

if TYPE_CHECKING:
    from ..models.image import Image


# from_dict makes its instance without __init__ (bound here once: attribute lookups on `object` cost per call).
_new_instance = object.__new__


@_attrs_define
class ImagesResponse:
    """Source: decided.

    Attributes:
        data (list[Image]): Source: decided.
        created (int | None): Source: decided.
    """

    data: list[Image]
    created: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The x-request-id of the answer this value came from (as the openai SDK's _request_id); None for values not
    # from a response or for parts of one.
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    # JSON name -> (attribute, required), for obj["name"] and "name" in obj.
    _FIELDS: ClassVar[dict[str, tuple[str, bool]]] = {
        "data": ("data", True),
        "created": ("created", False),
    }

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict["data"] = data

        if self.created is not None:
            created = self.created
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Built without __init__ (a stream parses one object per event), so every attribute declared above is
        # assigned here (a subclass that adds fields must override from_dict). src_dict is only read: a required key
        # with [], an optional one after `in`.
        # A list or a string given for the object would otherwise pass as an empty one when no field is required
        # (`"delta": []`); the type test first, so a dict pays no ABC check.
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise TypeError(f"ImagesResponse.from_dict() takes a mapping, not {type(src_dict).__name__}")
        _obj = _new_instance(cls)
        _obj._request_id = None
        known = 1  # known keys in src_dict: the required ones, and each optional one present
        data = []
        _data = src_dict["data"]
        for data_item_data in _data:
            data_item = Image.from_dict(data_item_data)

            data.append(data_item)

        _obj.data = data

        if "created" in src_dict:
            known += 1
            _obj.created = src_dict["created"]
        else:
            _obj.created = None

        # Unknown keys are kept (in a new dict); there are some only when src_dict has more keys than the known ones.
        if len(src_dict) > known:
            _obj.additional_properties = {k: v for k, v in src_dict.items() if k not in cls._FIELDS}
        else:
            _obj.additional_properties = {}
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/ImagesResponse.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("ImagesResponse", self.to_dict())

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

    def _field_item(self, key: str) -> Any:
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
            raise KeyError(f"{key!r} is a required field of ImagesResponse")
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

    def __iter__(self) -> Iterator[Image]:
        """A list response (its schema has a required array `data`) iterates over its items."""
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    @overload
    def __getitem__(self, key: int) -> Image: ...

    @overload
    def __getitem__(self, key: slice) -> list[Image]: ...

    @overload
    def __getitem__(self, key: str) -> Any: ...

    def __getitem__(self, key: int | slice | str) -> Any:
        """An index or a slice gives items, as iteration and len() do; a JSON key gives that field's value."""
        if isinstance(key, str):
            return self._field_item(key)
        return self.data[key]


# Imported after the class so that models referring to each other load in any order, and bound once here
# rather than imported again on every to_dict()/from_dict() call (a stream parses thousands of chunks).
if not TYPE_CHECKING:
    from ..models.image import Image
