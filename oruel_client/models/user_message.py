# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_content_part import ImageContentPart
    from ..models.text_content_part import TextContentPart


# from_dict makes its instance without __init__ (bound here once: attribute lookups on `object` cost per call).
_new_instance = object.__new__


@_attrs_define
class UserMessage:
    """
    Attributes:
        role (Literal['user']): Range: exactly 'user'. Source: documented.
        content (list[ImageContentPart | TextContentPart] | str): Text, or for vision models a list of text
            and image parts. Source: documented (https://cloud.oru-el.com/docs/inference/chat-completions).
    """

    role: Literal["user"]
    content: list[ImageContentPart | TextContentPart] | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # JSON name -> (attribute, required), for obj["name"] and "name" in obj.
    _FIELDS: ClassVar[dict[str, tuple[str, bool]]] = {
        "role": ("role", True),
        "content": ("content", True),
    }

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        role = self.role
        field_dict["role"] = role

        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_user_content_parts_item_data in self.content:
                content_user_content_parts_item: dict[str, Any]
                if isinstance(content_user_content_parts_item_data, TextContentPart):
                    content_user_content_parts_item = content_user_content_parts_item_data.to_dict()
                elif isinstance(content_user_content_parts_item_data, ImageContentPart):
                    content_user_content_parts_item = content_user_content_parts_item_data.to_dict()
                else:
                    content_user_content_parts_item = content_user_content_parts_item_data
                content.append(content_user_content_parts_item)

        else:
            content = self.content
        field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Built without __init__ (a stream parses one object per event), so every attribute declared above is
        # assigned here (a subclass that adds fields must override from_dict). src_dict is only read: a required key
        # with [], an optional one after `in`.
        # A list or a string given for the object would otherwise pass as an empty one when no field is required
        # (`"delta": []`); the type test first, so a dict pays no ABC check.
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise TypeError(f"UserMessage.from_dict() takes a mapping, not {type(src_dict).__name__}")
        _obj = _new_instance(cls)
        role = cast(Literal["user"], src_dict["role"])
        if role != "user":
            raise ValueError(f"role must match const 'user', got '{role}'")
        _obj.role = role

        def _parse_content(data: object) -> list[ImageContentPart | TextContentPart] | str:
            if isinstance(data, list):
                try:
                    content_user_content_parts = []
                    _content_user_content_parts = data
                    for content_user_content_parts_item_data in _content_user_content_parts:

                        def _parse_content_user_content_parts_item(data: object) -> ImageContentPart | TextContentPart:
                            if isinstance(data, dict) and data.get("type") == "text" and "text" in data:
                                try:
                                    componentsschemas_content_part_type_0 = TextContentPart.from_dict(data)

                                    return componentsschemas_content_part_type_0
                                except (TypeError, ValueError, AttributeError, KeyError):
                                    pass
                            if isinstance(data, dict) and data.get("type") == "image_url" and "image_url" in data:
                                try:
                                    componentsschemas_content_part_type_1 = ImageContentPart.from_dict(data)

                                    return componentsschemas_content_part_type_1
                                except (TypeError, ValueError, AttributeError, KeyError):
                                    pass
                            raise TypeError(
                                f"{type(data).__name__} value matches no type of content_user_content_parts_item"
                            )

                        content_user_content_parts_item = _parse_content_user_content_parts_item(
                            content_user_content_parts_item_data
                        )

                        content_user_content_parts.append(content_user_content_parts_item)

                    return content_user_content_parts
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if isinstance(data, str):
                return data
            raise TypeError(f"{type(data).__name__} value matches no type of content")

        content = _parse_content(src_dict["content"])

        _obj.content = content

        # Unknown keys are kept (in a new dict); there are some only when src_dict has more keys than the known ones.
        if len(src_dict) > 2:
            _obj.additional_properties = {k: v for k, v in src_dict.items() if k not in cls._FIELDS}
        else:
            _obj.additional_properties = {}
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/UserMessage.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("UserMessage", self.to_dict())

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
            raise KeyError(f"{key!r} is a required field of UserMessage")
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


# Imported after the class so that models referring to each other load in any order, and bound once here
# rather than imported again on every to_dict()/from_dict() call (a stream parses thousands of chunks).
if not TYPE_CHECKING:
    from ..models.image_content_part import ImageContentPart
    from ..models.text_content_part import TextContentPart
