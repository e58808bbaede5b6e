# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.image_content_part import ImageContentPart
    from ..models.text_content_part import TextContentPart


T = TypeVar("T", bound="UserMessage")


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

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_user_content_parts_item_data in self.content:
                content_user_content_parts_item: dict[str, Any]
                if isinstance(content_user_content_parts_item_data, TextContentPart):
                    content_user_content_parts_item = content_user_content_parts_item_data.to_dict()
                else:
                    content_user_content_parts_item = content_user_content_parts_item_data.to_dict()

                content.append(content_user_content_parts_item)

        else:
            content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = cast(Literal["user"], d.pop("role"))
        if role != "user":
            raise ValueError(f"role must match const 'user', got '{role}'")

        def _parse_content(data: object) -> list[ImageContentPart | TextContentPart] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                content_user_content_parts = []
                _content_user_content_parts = data
                for content_user_content_parts_item_data in _content_user_content_parts:

                    def _parse_content_user_content_parts_item(data: object) -> ImageContentPart | TextContentPart:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_content_part_type_0 = TextContentPart.from_dict(data)

                            return componentsschemas_content_part_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_content_part_type_1 = ImageContentPart.from_dict(data)

                        return componentsschemas_content_part_type_1

                    content_user_content_parts_item = _parse_content_user_content_parts_item(
                        content_user_content_parts_item_data
                    )

                    content_user_content_parts.append(content_user_content_parts_item)

                return content_user_content_parts
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ImageContentPart | TextContentPart] | str, data)

        content = _parse_content(d.pop("content"))

        _obj = cls(
            role=role,
            content=content,
        )

        _obj.additional_properties = d
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/UserMessage.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("UserMessage", self.to_dict())

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class so that models referring to each other load in any order, and bound once here
# rather than imported again on every to_dict()/from_dict() call (a stream parses thousands of chunks).
if not TYPE_CHECKING:
    from ..models.image_content_part import ImageContentPart
    from ..models.text_content_part import TextContentPart
