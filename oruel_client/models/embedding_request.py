# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.embedding_request_encoding_format import EmbeddingRequestEncodingFormat
from ..types import UNSET, Unset

# from_dict makes its instance without __init__ (bound here once: attribute lookups on `object` cost per call).
_new_instance = object.__new__


@_attrs_define
class EmbeddingRequest:
    """Source: decided.

    Attributes:
        model (str): Source: decided.
        input (list[str] | str): A text, or a batch of texts. Range: array: at least 1 items. Source:
            decided.
        encoding_format (EmbeddingRequestEncodingFormat | Unset): `float` gives arrays of numbers; `base64`
            gives little-endian float32 bytes, base64-encoded. Range: one of 'float', 'base64'. Server default:
            'float'. Source: decided.
    """

    model: str
    input: list[str] | str
    encoding_format: EmbeddingRequestEncodingFormat | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # JSON name -> (attribute, required), for obj["name"] and "name" in obj.
    _FIELDS: ClassVar[dict[str, tuple[str, bool]]] = {
        "model": ("model", True),
        "input": ("input", True),
        "encoding_format": ("encoding_format", False),
    }

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        model = self.model
        field_dict["model"] = model

        input_: list[str] | str
        if isinstance(self.input, list):
            input_ = self.input

        else:
            input_ = self.input
        field_dict["input"] = input_

        encoding_format: str | Unset = UNSET
        if not isinstance(self.encoding_format, Unset):
            encoding_format = self.encoding_format.value

        if encoding_format is not UNSET:
            field_dict["encoding_format"] = encoding_format

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Built without __init__ (a stream parses one object per event), so every attribute declared above is
        # assigned here (a subclass that adds fields must override from_dict). src_dict is only read: a required key
        # with [], an optional one after `in`.
        # A list or a string given for the object would otherwise pass as an empty one when no field is required
        # (`"delta": []`); the type test first, so a dict pays no ABC check.
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise TypeError(f"EmbeddingRequest.from_dict() takes a mapping, not {type(src_dict).__name__}")
        _obj = _new_instance(cls)
        known = 2  # known keys in src_dict: the required ones, and each optional one present
        _obj.model = src_dict["model"]

        def _parse_input_(data: object) -> list[str] | str:
            if isinstance(data, list):
                try:
                    input_embedding_input_list = cast(list[str], data)

                    return input_embedding_input_list
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if isinstance(data, str):
                return data
            raise TypeError(f"{type(data).__name__} value matches no type of input_")

        input_ = _parse_input_(src_dict["input"])

        _obj.input = input_

        if "encoding_format" in src_dict:
            known += 1
            encoding_format = EmbeddingRequestEncodingFormat(src_dict["encoding_format"])

            _obj.encoding_format = encoding_format
        else:
            _obj.encoding_format = UNSET

        # Unknown keys are kept (in a new dict); there are some only when src_dict has more keys than the known ones.
        if len(src_dict) > known:
            _obj.additional_properties = {k: v for k, v in src_dict.items() if k not in cls._FIELDS}
        else:
            _obj.additional_properties = {}
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/EmbeddingRequest.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("EmbeddingRequest", self.to_dict())

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
            raise KeyError(f"{key!r} is a required field of EmbeddingRequest")
        else:
            setattr(self, field[0], UNSET)

    def __contains__(self, key: Any) -> bool:
        """True for a JSON key that holds a value, known field or not (an absent or null field is not in)."""
        if not isinstance(key, str):
            return False
        field = self._FIELDS.get(key)
        if field is None:
            return key in self.additional_properties
        value = getattr(self, field[0])
        return value is not None and not isinstance(value, Unset)
