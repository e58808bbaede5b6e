# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_chunk_choice import ChatCompletionChunkChoice
    from ..models.usage import Usage


T = TypeVar("T", bound="ChatCompletionChunk")


@_attrs_define
class ChatCompletionChunk:
    """One streamed event. Oru-el sends `usage` on the last content chunk, together with `finish_reason`; `choices`
    may also be empty. Parse `usage` on any chunk. Source: documented
    (https://cloud.oru-el.com/docs/inference/streaming).

        Attributes:
            id (str): The same on every chunk of a stream. Source: documented.
            object_ (str): Always `chat.completion.chunk`. Source: documented.
            created (int): Source: documented.
            model (str): Source: documented.
            choices (list[ChatCompletionChunkChoice]): Source: documented.
            usage (None | Unset | Usage): Source: documented.
    """

    id: str
    object_: str
    created: int
    model: str
    choices: list[ChatCompletionChunkChoice]
    usage: None | Unset | Usage = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        model = self.model

        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, Usage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "model": model,
                "choices": choices,
            }
        )
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        object_ = d.pop("object")

        created = d.pop("created")

        model = d.pop("model")

        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = ChatCompletionChunkChoice.from_dict(choices_item_data)

            choices.append(choices_item)

        def _parse_usage(data: object) -> None | Unset | Usage:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = Usage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | Usage, data)

        usage = _parse_usage(d.pop("usage", UNSET))

        _obj = cls(
            id=id,
            object_=object_,
            created=created,
            model=model,
            choices=choices,
            usage=usage,
        )

        _obj.additional_properties = d
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/ChatCompletionChunk.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("ChatCompletionChunk", self.to_dict())

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
    from ..models.chat_completion_chunk_choice import ChatCompletionChunkChoice
    from ..models.usage import Usage
