# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Contains all the data models used in inputs/outputs.

Each model's module is imported when the model is first asked for (PEP 562), so that importing one endpoint
function loads the models it uses and not every model of the API.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assistant_message import AssistantMessage
    from .chat_completion import ChatCompletion
    from .chat_completion_choice import ChatCompletionChoice
    from .chat_completion_chunk import ChatCompletionChunk
    from .chat_completion_chunk_choice import ChatCompletionChunkChoice
    from .chat_completion_delta import ChatCompletionDelta
    from .chat_completion_message import ChatCompletionMessage
    from .chat_completion_request import ChatCompletionRequest
    from .completion_request import CompletionRequest
    from .embedding import Embedding
    from .embedding_request import EmbeddingRequest
    from .embedding_request_encoding_format import EmbeddingRequestEncodingFormat
    from .embedding_response import EmbeddingResponse
    from .embedding_usage import EmbeddingUsage
    from .error_detail import ErrorDetail
    from .error_response import ErrorResponse
    from .finish_reason import FinishReason
    from .function_call import FunctionCall
    from .function_definition import FunctionDefinition
    from .function_definition_parameters import FunctionDefinitionParameters
    from .image import Image
    from .image_content_part import ImageContentPart
    from .image_generation_request import ImageGenerationRequest
    from .image_generation_request_response_format import ImageGenerationRequestResponseFormat
    from .image_url import ImageURL
    from .images_response import ImagesResponse
    from .model import Model
    from .model_list import ModelList
    from .named_tool_choice import NamedToolChoice
    from .named_tool_choice_function import NamedToolChoiceFunction
    from .response_format_json_object import ResponseFormatJSONObject
    from .response_format_text import ResponseFormatText
    from .sampling_parameters import SamplingParameters
    from .sampling_parameters_tier import SamplingParametersTier
    from .speech_request import SpeechRequest
    from .speech_request_response_format import SpeechRequestResponseFormat
    from .system_message import SystemMessage
    from .text_completion import TextCompletion
    from .text_completion_choice import TextCompletionChoice
    from .text_completion_chunk import TextCompletionChunk
    from .text_content_part import TextContentPart
    from .tool import Tool
    from .tool_call import ToolCall
    from .tool_call_delta import ToolCallDelta
    from .tool_call_delta_function import ToolCallDeltaFunction
    from .tool_choice_mode import ToolChoiceMode
    from .tool_message import ToolMessage
    from .usage import Usage
    from .user_message import UserMessage

# Model name -> the module of this package that defines it.
_MODULES: dict[str, str] = {
    "AssistantMessage": ".assistant_message",
    "ChatCompletion": ".chat_completion",
    "ChatCompletionChoice": ".chat_completion_choice",
    "ChatCompletionChunk": ".chat_completion_chunk",
    "ChatCompletionChunkChoice": ".chat_completion_chunk_choice",
    "ChatCompletionDelta": ".chat_completion_delta",
    "ChatCompletionMessage": ".chat_completion_message",
    "ChatCompletionRequest": ".chat_completion_request",
    "CompletionRequest": ".completion_request",
    "Embedding": ".embedding",
    "EmbeddingRequest": ".embedding_request",
    "EmbeddingRequestEncodingFormat": ".embedding_request_encoding_format",
    "EmbeddingResponse": ".embedding_response",
    "EmbeddingUsage": ".embedding_usage",
    "ErrorDetail": ".error_detail",
    "ErrorResponse": ".error_response",
    "FinishReason": ".finish_reason",
    "FunctionCall": ".function_call",
    "FunctionDefinition": ".function_definition",
    "FunctionDefinitionParameters": ".function_definition_parameters",
    "Image": ".image",
    "ImageContentPart": ".image_content_part",
    "ImageGenerationRequest": ".image_generation_request",
    "ImageGenerationRequestResponseFormat": ".image_generation_request_response_format",
    "ImageURL": ".image_url",
    "ImagesResponse": ".images_response",
    "Model": ".model",
    "ModelList": ".model_list",
    "NamedToolChoice": ".named_tool_choice",
    "NamedToolChoiceFunction": ".named_tool_choice_function",
    "ResponseFormatJSONObject": ".response_format_json_object",
    "ResponseFormatText": ".response_format_text",
    "SamplingParameters": ".sampling_parameters",
    "SamplingParametersTier": ".sampling_parameters_tier",
    "SpeechRequest": ".speech_request",
    "SpeechRequestResponseFormat": ".speech_request_response_format",
    "SystemMessage": ".system_message",
    "TextCompletion": ".text_completion",
    "TextCompletionChoice": ".text_completion_choice",
    "TextCompletionChunk": ".text_completion_chunk",
    "TextContentPart": ".text_content_part",
    "Tool": ".tool",
    "ToolCall": ".tool_call",
    "ToolCallDelta": ".tool_call_delta",
    "ToolCallDeltaFunction": ".tool_call_delta_function",
    "ToolChoiceMode": ".tool_choice_mode",
    "ToolMessage": ".tool_message",
    "Usage": ".usage",
    "UserMessage": ".user_message",
}

__all__ = (
    "AssistantMessage",
    "ChatCompletion",
    "ChatCompletionChoice",
    "ChatCompletionChunk",
    "ChatCompletionChunkChoice",
    "ChatCompletionDelta",
    "ChatCompletionMessage",
    "ChatCompletionRequest",
    "CompletionRequest",
    "Embedding",
    "EmbeddingRequest",
    "EmbeddingRequestEncodingFormat",
    "EmbeddingResponse",
    "EmbeddingUsage",
    "ErrorDetail",
    "ErrorResponse",
    "FinishReason",
    "FunctionCall",
    "FunctionDefinition",
    "FunctionDefinitionParameters",
    "Image",
    "ImageContentPart",
    "ImageGenerationRequest",
    "ImageGenerationRequestResponseFormat",
    "ImagesResponse",
    "ImageURL",
    "Model",
    "ModelList",
    "NamedToolChoice",
    "NamedToolChoiceFunction",
    "ResponseFormatJSONObject",
    "ResponseFormatText",
    "SamplingParameters",
    "SamplingParametersTier",
    "SpeechRequest",
    "SpeechRequestResponseFormat",
    "SystemMessage",
    "TextCompletion",
    "TextCompletionChoice",
    "TextCompletionChunk",
    "TextContentPart",
    "Tool",
    "ToolCall",
    "ToolCallDelta",
    "ToolCallDeltaFunction",
    "ToolChoiceMode",
    "ToolMessage",
    "Usage",
    "UserMessage",
)

if not TYPE_CHECKING:  # type checkers read the imports above; this is for the interpreter

    def __getattr__(name: str) -> Any:
        module = _MODULES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_MODULES})
