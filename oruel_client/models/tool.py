# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.function_definition import FunctionDefinition


T = TypeVar("T", bound="Tool")


@_attrs_define
class Tool:
    """Source: documented (https://cloud.oru-el.com/docs/inference/tool-calling).

    Attributes:
        type_ (Literal['function']): Range: exactly 'function'. Source: documented.
        function (FunctionDefinition): Oru-el requires all three fields (OpenAI makes description and
            parameters optional). Source: documented (https://cloud.oru-el.com/docs/inference/tool-calling).
    """

    type_: Literal["function"]
    function: FunctionDefinition
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "function": function,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["function"], d.pop("type"))
        if type_ != "function":
            raise ValueError(f"type must match const 'function', got '{type_}'")

        function = FunctionDefinition.from_dict(d.pop("function"))

        _obj = cls(
            type_=type_,
            function=function,
        )

        _obj.additional_properties = d
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/Tool.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("Tool", self.to_dict())

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
    from ..models.function_definition import FunctionDefinition
