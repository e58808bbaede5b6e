# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.speech_request_response_format import SpeechRequestResponseFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="SpeechRequest")


@_attrs_define
class SpeechRequest:
    """Source: decided.

    Attributes:
        model (str): Source: decided.
        input_ (str): The text to speak. Range: at least 1 characters. Source: decided.
        voice (str): A voice id of the model. Source: decided.
        response_format (SpeechRequestResponseFormat | Unset): Range: one of 'mp3', 'wav', 'opus', 'flac',
            'pcm'. Server default: 'mp3'. Source: decided.
    """

    model: str
    input_: str
    voice: str
    response_format: SpeechRequestResponseFormat | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        input_ = self.input_

        voice = self.voice

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "input": input_,
                "voice": voice,
            }
        )
        if response_format is not UNSET:
            field_dict["response_format"] = response_format

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = d.pop("model")

        input_ = d.pop("input")

        voice = d.pop("voice")

        _response_format = d.pop("response_format", UNSET)
        response_format: SpeechRequestResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = SpeechRequestResponseFormat(_response_format)

        _obj = cls(
            model=model,
            input_=input_,
            voice=voice,
            response_format=response_format,
        )

        _obj.additional_properties = d
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/SpeechRequest.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("SpeechRequest", self.to_dict())

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
