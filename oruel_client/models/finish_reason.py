# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from enum import StrEnum


class FinishReason(StrEnum):
    CONTENT_FILTER = "content_filter"
    LENGTH = "length"
    STOP = "stop"
    TOOL_CALLS = "tool_calls"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "FinishReason | None":
        # A value the spec does not list yet (the server moved ahead): keep it rather than fail the response.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
