# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from enum import StrEnum


class ToolChoiceMode(StrEnum):
    AUTO = "auto"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ToolChoiceMode | None":
        # A value the spec does not list yet (the server moved ahead): keep it rather than fail the response.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
