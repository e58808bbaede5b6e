# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""The spec's facts as data, for the validator, the facade, the CLI and the local server.

SCHEMAS holds, per component schema, only the keywords that are checked before a request is sent (types,
bounds, lengths, item counts, enum, const, unions) plus `doc`, the documented range in words.
"""

from typing import Any, Final

# The first `servers` entry: the default base URL of the clients and the CLI.
BASE_URL: Final = "https://api.oru-el.com/v1/inference"

SCHEMAS: Final[dict[str, dict[str, Any]]] = {
    "SamplingParameters": {
        "type": ["object"],
        "properties": {
            "temperature": {"type": ["number"], "minimum": 0, "maximum": 2, "doc": "0 to 2"},
            "top_p": {"type": ["number"], "minimum": 0, "maximum": 1, "doc": "0 to 1"},
            "top_k": {"type": ["integer"], "minimum": 0, "maximum": 200, "doc": "0 to 200"},
            "min_p": {"type": ["number"], "minimum": 0, "maximum": 1, "doc": "0 to 1"},
            "max_tokens": {"type": ["integer"], "minimum": 1, "maximum": 131072, "doc": "1 to 131072"},
            "stop": {
                "oneOf": [
                    {"type": ["string"], "maxLength": 256, "title": "StopString", "doc": "at most 256 characters"},
                    {
                        "type": ["array"],
                        "maxItems": 4,
                        "items": {"type": ["string"], "maxLength": 256, "doc": "at most 256 characters"},
                        "title": "StopList",
                        "doc": "at most 4 items, each at most 256 characters",
                    },
                ],
                "doc": "string: at most 256 characters; array: at most 4 items, each at most 256 characters",
            },
            "stream": {"type": ["boolean"]},
            "frequency_penalty": {"type": ["number"], "minimum": -2, "maximum": 2, "doc": "-2 to 2"},
            "presence_penalty": {"type": ["number"], "minimum": -2, "maximum": 2, "doc": "-2 to 2"},
            "repetition_penalty": {"type": ["number"], "minimum": 0.1, "maximum": 3, "doc": "0.1 to 3"},
            "seed": {"type": ["integer"]},
            "n": {"type": ["integer"], "minimum": 1, "maximum": 1, "doc": "exactly 1"},
            "tier": {"type": ["string"], "enum": ["standard", "turbo"], "doc": "one of 'standard', 'turbo'"},
        },
    },
    "ChatCompletionRequest": {
        "allOf": [
            {"$ref": "SamplingParameters"},
            {
                "type": ["object"],
                "properties": {
                    "model": {"type": ["string"]},
                    "messages": {
                        "type": ["array"],
                        "minItems": 1,
                        "maxItems": 256,
                        "items": {"$ref": "ChatMessage"},
                        "doc": "1 to 256 items",
                    },
                    "response_format": {"$ref": "ResponseFormat"},
                    "tools": {
                        "type": ["array"],
                        "maxItems": 128,
                        "items": {"$ref": "Tool"},
                        "doc": "at most 128 items",
                    },
                    "tool_choice": {"$ref": "ToolChoice"},
                },
                "required": ["model", "messages"],
            },
        ]
    },
    "ChatMessage": {
        "oneOf": [
            {"$ref": "SystemMessage"},
            {"$ref": "UserMessage"},
            {"$ref": "AssistantMessage"},
            {"$ref": "ToolMessage"},
        ]
    },
    "SystemMessage": {
        "type": ["object"],
        "properties": {"role": {"const": "system", "doc": "exactly 'system'"}, "content": {"type": ["string"]}},
        "required": ["role", "content"],
        "title": "SystemMessage",
    },
    "UserMessage": {
        "type": ["object"],
        "properties": {
            "role": {"const": "user", "doc": "exactly 'user'"},
            "content": {
                "oneOf": [
                    {"type": ["string"], "title": "UserText"},
                    {"type": ["array"], "items": {"$ref": "ContentPart"}, "title": "UserContentParts"},
                ]
            },
        },
        "required": ["role", "content"],
        "title": "UserMessage",
    },
    "ContentPart": {"oneOf": [{"$ref": "TextContentPart"}, {"$ref": "ImageContentPart"}]},
    "TextContentPart": {
        "type": ["object"],
        "properties": {"type": {"const": "text", "doc": "exactly 'text'"}, "text": {"type": ["string"]}},
        "required": ["type", "text"],
        "title": "TextContentPart",
    },
    "ImageContentPart": {
        "type": ["object"],
        "properties": {"type": {"const": "image_url", "doc": "exactly 'image_url'"}, "image_url": {"$ref": "ImageURL"}},
        "required": ["type", "image_url"],
        "title": "ImageContentPart",
    },
    "ImageURL": {"type": ["object"], "properties": {"url": {"type": ["string"]}}, "required": ["url"]},
    "AssistantMessage": {
        "type": ["object"],
        "properties": {
            "role": {"const": "assistant", "doc": "exactly 'assistant'"},
            "content": {"type": ["string", "null"]},
            "tool_calls": {"type": ["array"], "items": {"$ref": "ToolCall"}},
        },
        "required": ["role"],
        "title": "AssistantMessage",
    },
    "ToolMessage": {
        "type": ["object"],
        "properties": {
            "role": {"const": "tool", "doc": "exactly 'tool'"},
            "tool_call_id": {"type": ["string"]},
            "content": {"type": ["string"]},
        },
        "required": ["role", "tool_call_id", "content"],
        "title": "ToolMessage",
    },
    "ToolCall": {
        "type": ["object"],
        "properties": {
            "id": {"type": ["string"]},
            "type": {"const": "function", "doc": "exactly 'function'"},
            "function": {"$ref": "FunctionCall"},
        },
        "required": ["id", "type", "function"],
    },
    "FunctionCall": {
        "type": ["object"],
        "properties": {"name": {"type": ["string"]}, "arguments": {"type": ["string"]}},
        "required": ["name", "arguments"],
    },
    "Tool": {
        "type": ["object"],
        "properties": {
            "type": {"const": "function", "doc": "exactly 'function'"},
            "function": {"$ref": "FunctionDefinition"},
        },
        "required": ["type", "function"],
    },
    "FunctionDefinition": {
        "type": ["object"],
        "properties": {
            "name": {"type": ["string"]},
            "description": {"type": ["string"]},
            "parameters": {"type": ["object"]},
        },
        "required": ["name", "description", "parameters"],
    },
    "ToolChoice": {
        "oneOf": [
            {"type": ["string"], "enum": ["auto", "none"], "title": "ToolChoiceMode", "doc": "one of 'auto', 'none'"},
            {"$ref": "NamedToolChoice"},
        ],
        "doc": "string: one of 'auto', 'none'",
    },
    "NamedToolChoice": {
        "type": ["object"],
        "properties": {
            "type": {"const": "function", "doc": "exactly 'function'"},
            "function": {
                "type": ["object"],
                "properties": {"name": {"type": ["string"]}},
                "required": ["name"],
                "title": "NamedToolChoiceFunction",
            },
        },
        "required": ["type", "function"],
        "title": "NamedToolChoice",
    },
    "ResponseFormat": {"oneOf": [{"$ref": "ResponseFormatText"}, {"$ref": "ResponseFormatJSONObject"}]},
    "ResponseFormatText": {
        "type": ["object"],
        "properties": {"type": {"const": "text", "doc": "exactly 'text'"}},
        "required": ["type"],
        "title": "ResponseFormatText",
    },
    "ResponseFormatJSONObject": {
        "type": ["object"],
        "properties": {"type": {"const": "json_object", "doc": "exactly 'json_object'"}},
        "required": ["type"],
        "title": "ResponseFormatJSONObject",
    },
    "ChatCompletion": {
        "type": ["object"],
        "properties": {
            "id": {"type": ["string"]},
            "object": {"type": ["string"]},
            "created": {"type": ["integer"]},
            "model": {"type": ["string"]},
            "choices": {"type": ["array"], "items": {"$ref": "ChatCompletionChoice"}},
            "usage": {"$ref": "Usage"},
        },
        "required": ["id", "object", "created", "model", "choices"],
    },
    "ChatCompletionChoice": {
        "type": ["object"],
        "properties": {
            "index": {"type": ["integer"]},
            "message": {"$ref": "ChatCompletionMessage"},
            "finish_reason": {"anyOf": [{"$ref": "FinishReason"}, {"type": ["null"]}]},
        },
        "required": ["index", "message"],
    },
    "ChatCompletionMessage": {
        "type": ["object"],
        "properties": {
            "role": {"type": ["string"]},
            "content": {"type": ["string", "null"]},
            "tool_calls": {"type": ["array"], "items": {"$ref": "ToolCall"}},
        },
        "required": ["role"],
    },
    "FinishReason": {
        "type": ["string"],
        "enum": ["stop", "length", "tool_calls", "content_filter"],
        "doc": "one of 'stop', 'length', 'tool_calls', 'content_filter'",
    },
    "Usage": {
        "type": ["object"],
        "properties": {
            "prompt_tokens": {"type": ["integer"], "minimum": 0, "doc": "at least 0"},
            "completion_tokens": {"type": ["integer"], "minimum": 0, "doc": "at least 0"},
            "total_tokens": {"type": ["integer"], "minimum": 0, "doc": "at least 0"},
        },
        "required": ["prompt_tokens", "completion_tokens", "total_tokens"],
    },
    "ChatCompletionChunk": {
        "type": ["object"],
        "properties": {
            "id": {"type": ["string"]},
            "object": {"type": ["string"]},
            "created": {"type": ["integer"]},
            "model": {"type": ["string"]},
            "choices": {"type": ["array"], "items": {"$ref": "ChatCompletionChunkChoice"}},
            "usage": {"anyOf": [{"$ref": "Usage"}, {"type": ["null"]}]},
        },
        "required": ["id", "object", "created", "model", "choices"],
    },
    "ChatCompletionChunkChoice": {
        "type": ["object"],
        "properties": {
            "index": {"type": ["integer"]},
            "delta": {"$ref": "ChatCompletionDelta"},
            "finish_reason": {"anyOf": [{"$ref": "FinishReason"}, {"type": ["null"]}]},
        },
        "required": ["index", "delta"],
    },
    "ChatCompletionDelta": {
        "type": ["object"],
        "properties": {
            "role": {"type": ["string"]},
            "content": {"type": ["string", "null"]},
            "tool_calls": {"type": ["array"], "items": {"$ref": "ToolCallDelta"}},
        },
    },
    "ToolCallDelta": {
        "type": ["object"],
        "properties": {
            "index": {"type": ["integer"]},
            "id": {"type": ["string"]},
            "type": {"type": ["string"]},
            "function": {
                "type": ["object"],
                "properties": {"name": {"type": ["string"]}, "arguments": {"type": ["string"]}},
                "title": "ToolCallDeltaFunction",
            },
        },
        "required": ["index"],
    },
    "CompletionRequest": {
        "allOf": [
            {"$ref": "SamplingParameters"},
            {
                "type": ["object"],
                "properties": {
                    "model": {"type": ["string"]},
                    "prompt": {
                        "oneOf": [
                            {"type": ["string"], "title": "PromptText"},
                            {
                                "type": ["array"],
                                "minItems": 1,
                                "items": {"type": ["string"]},
                                "title": "PromptList",
                                "doc": "at least 1 items",
                            },
                        ],
                        "doc": "array: at least 1 items",
                    },
                },
                "required": ["model", "prompt"],
            },
        ]
    },
    "TextCompletion": {
        "type": ["object"],
        "properties": {
            "id": {"type": ["string"]},
            "object": {"type": ["string"]},
            "created": {"type": ["integer"]},
            "model": {"type": ["string"]},
            "choices": {"type": ["array"], "items": {"$ref": "TextCompletionChoice"}},
            "usage": {"anyOf": [{"$ref": "Usage"}, {"type": ["null"]}]},
        },
        "required": ["id", "object", "created", "model", "choices"],
    },
    "TextCompletionChoice": {
        "type": ["object"],
        "properties": {
            "index": {"type": ["integer"]},
            "text": {"type": ["string"]},
            "finish_reason": {"anyOf": [{"$ref": "FinishReason"}, {"type": ["null"]}]},
        },
        "required": ["index", "text"],
    },
    "TextCompletionChunk": {
        "type": ["object"],
        "properties": {
            "id": {"type": ["string"]},
            "object": {"type": ["string"]},
            "created": {"type": ["integer"]},
            "model": {"type": ["string"]},
            "choices": {"type": ["array"], "items": {"$ref": "TextCompletionChoice"}},
            "usage": {"anyOf": [{"$ref": "Usage"}, {"type": ["null"]}]},
        },
        "required": ["id", "object", "created", "model", "choices"],
    },
    "EmbeddingRequest": {
        "type": ["object"],
        "properties": {
            "model": {"type": ["string"]},
            "input": {
                "oneOf": [
                    {"type": ["string"], "title": "EmbeddingInputText"},
                    {
                        "type": ["array"],
                        "minItems": 1,
                        "items": {"type": ["string"]},
                        "title": "EmbeddingInputList",
                        "doc": "at least 1 items",
                    },
                ],
                "doc": "array: at least 1 items",
            },
            "encoding_format": {"type": ["string"], "enum": ["float", "base64"], "doc": "one of 'float', 'base64'"},
        },
        "required": ["model", "input"],
    },
    "EmbeddingResponse": {
        "type": ["object"],
        "properties": {
            "object": {"type": ["string"]},
            "data": {"type": ["array"], "items": {"$ref": "Embedding"}},
            "model": {"type": ["string"]},
            "usage": {"$ref": "EmbeddingUsage"},
        },
        "required": ["object", "data", "model"],
    },
    "Embedding": {
        "type": ["object"],
        "properties": {
            "object": {"type": ["string"]},
            "index": {"type": ["integer"]},
            "embedding": {
                "oneOf": [
                    {"type": ["array"], "items": {"type": ["number"]}, "title": "EmbeddingVector"},
                    {"type": ["string"], "title": "EmbeddingBase64"},
                ]
            },
        },
        "required": ["object", "index", "embedding"],
    },
    "EmbeddingUsage": {
        "type": ["object"],
        "properties": {
            "prompt_tokens": {"type": ["integer"], "minimum": 0, "doc": "at least 0"},
            "total_tokens": {"type": ["integer"], "minimum": 0, "doc": "at least 0"},
        },
        "required": ["prompt_tokens", "total_tokens"],
    },
    "ModelList": {
        "type": ["object"],
        "properties": {"object": {"type": ["string"]}, "data": {"type": ["array"], "items": {"$ref": "Model"}}},
        "required": ["object", "data"],
    },
    "Model": {
        "type": ["object"],
        "properties": {
            "id": {"type": ["string"]},
            "object": {"type": ["string"]},
            "created": {"type": ["integer"]},
            "owned_by": {"type": ["string"]},
        },
        "required": ["id", "object"],
    },
    "ImageGenerationRequest": {
        "type": ["object"],
        "properties": {
            "model": {"type": ["string"]},
            "prompt": {"type": ["string"], "minLength": 1, "doc": "at least 1 characters"},
            "negative_prompt": {"type": ["string"]},
            "n": {"type": ["integer"], "minimum": 1, "doc": "at least 1"},
            "width": {"type": ["integer"], "minimum": 1, "doc": "at least 1"},
            "height": {"type": ["integer"], "minimum": 1, "doc": "at least 1"},
            "steps": {"type": ["integer"], "minimum": 1, "doc": "at least 1"},
            "seed": {"type": ["integer"]},
            "response_format": {"type": ["string"], "enum": ["b64_json", "url"], "doc": "one of 'b64_json', 'url'"},
        },
        "required": ["model", "prompt"],
    },
    "ImagesResponse": {
        "type": ["object"],
        "properties": {"created": {"type": ["integer"]}, "data": {"type": ["array"], "items": {"$ref": "Image"}}},
        "required": ["data"],
    },
    "Image": {
        "type": ["object"],
        "properties": {
            "b64_json": {"type": ["string"]},
            "url": {"type": ["string"]},
            "revised_prompt": {"type": ["string"]},
        },
    },
    "SpeechRequest": {
        "type": ["object"],
        "properties": {
            "model": {"type": ["string"]},
            "input": {"type": ["string"], "minLength": 1, "doc": "at least 1 characters"},
            "voice": {"type": ["string"]},
            "response_format": {
                "type": ["string"],
                "enum": ["mp3", "wav", "opus", "flac", "pcm"],
                "doc": "one of 'mp3', 'wav', 'opus', 'flac', 'pcm'",
            },
        },
        "required": ["model", "input", "voice"],
    },
    "ErrorResponse": {"type": ["object"], "properties": {"error": {"$ref": "ErrorDetail"}}, "required": ["error"]},
    "ErrorDetail": {
        "type": ["object"],
        "properties": {
            "message": {"type": ["string"]},
            "type": {"type": ["string"]},
            "code": {"type": ["string", "null"]},
            "param": {"type": ["string", "null"]},
        },
        "required": ["message"],
    },
}

OPERATIONS: Final[dict[str, dict[str, Any]]] = {
    "createChatCompletion": {
        "method": "post",
        "path": "/chat/completions",
        "body": "ChatCompletionRequest",
        "chunk": "ChatCompletionChunk",
        "accept": "application/json",
        "resource": "chat.completions.create",
        "auth": True,
        "source": "documented",
        "docs": "https://cloud.oru-el.com/docs/inference/chat-completions",
        "parameters": {},
    },
    "createCompletion": {
        "method": "post",
        "path": "/completions",
        "body": "CompletionRequest",
        "chunk": "TextCompletionChunk",
        "accept": "application/json",
        "resource": "completions.create",
        "auth": True,
        "source": "decided",
        "docs": None,
        "parameters": {},
    },
    "createEmbedding": {
        "method": "post",
        "path": "/embeddings",
        "body": "EmbeddingRequest",
        "chunk": None,
        "accept": "application/json",
        "resource": "embeddings.create",
        "auth": True,
        "source": "decided",
        "docs": "https://cloud.oru-el.com/docs/getting-started/pricing",
        "parameters": {},
    },
    "listModels": {
        "method": "get",
        "path": "/models",
        "body": None,
        "chunk": None,
        "accept": "application/json",
        "resource": "models.list",
        "auth": False,
        "source": "decided",
        "docs": "https://cloud.oru-el.com/docs/getting-started/authentication",
        "parameters": {},
    },
    "createImage": {
        "method": "post",
        "path": "/images/generations",
        "body": "ImageGenerationRequest",
        "chunk": None,
        "accept": "application/json",
        "resource": "images.generate",
        "auth": True,
        "source": "decided",
        "docs": "https://cloud.oru-el.com/docs/getting-started/pricing",
        "parameters": {},
    },
    "createSpeech": {
        "method": "post",
        "path": "/audio/speech",
        "body": "SpeechRequest",
        "chunk": None,
        "accept": "audio/mpeg, audio/wav, audio/ogg, audio/flac, audio/pcm, application/octet-stream",
        "resource": "audio.speech.create",
        "auth": True,
        "source": "decided",
        "docs": "https://cloud.oru-el.com/docs/getting-started/pricing",
        "parameters": {},
    },
}
