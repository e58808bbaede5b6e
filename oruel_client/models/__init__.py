# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Contains all the data models used in inputs/outputs"""

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
