# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""The whole spec as data, for the local server's request validation (an installed package has no YAML)."""

from typing import Any, Final

DOCUMENT: Final[dict[str, Any]] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Oru-el Inference API",
        "version": "2026-11",
        "description": "The Oru-el inference API: OpenAI-compatible chat completions with extra sampling "
        "controls.\n"
        "This document is the single source of truth for oruel_client. Every operation and "
        "property carries\n"
        "`x-oruel-source`: `documented` (stated on the page named in `x-oruel-docs`) or "
        "`decided` (a choice\n"
        "of this project where Oru-el's docs are silent; not a promise of Oru-el's).\n"
        "Server defaults are given as `default:`; the client documents them and never sends "
        "them unasked.\n",
    },
    "servers": [{"url": "https://api.oru-el.com/v1/inference"}],
    "security": [{"bearerAuth": []}],
    "tags": [
        {"name": "chat"},
        {"name": "completions"},
        {"name": "embeddings"},
        {"name": "models"},
        {"name": "images"},
        {"name": "audio"},
    ],
    "paths": {
        "/chat/completions": {
            "post": {
                "operationId": "createChatCompletion",
                "tags": ["chat"],
                "summary": "Create a chat completion",
                "description": "Generates the next assistant message for a "
                "conversation. With `stream` true the answer "
                "arrives as server-sent events, one "
                "`ChatCompletionChunk` per data line, ended by a "
                "`[DONE]` data line.",
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/chat-completions",
                "x-oruel-resource": "chat.completions.create",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChatCompletionRequest"}}},
                },
                "responses": {
                    "200": {
                        "description": "The completion, or (with `stream` true) a stream of chunks.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ChatCompletion"}},
                            "text/event-stream": {"schema": {"$ref": "#/components/schemas/ChatCompletionChunk"}},
                        },
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                },
            }
        },
        "/completions": {
            "post": {
                "operationId": "createCompletion",
                "tags": ["completions"],
                "summary": "Create a text completion",
                "description": "Continues a prompt. Same sampling fields and ranges as "
                "chat completions; streams like chat.",
                "x-oruel-source": "decided",
                "x-oruel-resource": "completions.create",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CompletionRequest"}}},
                },
                "responses": {
                    "200": {
                        "description": "The completion, or (with `stream` true) a stream of chunks.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/TextCompletion"}},
                            "text/event-stream": {"schema": {"$ref": "#/components/schemas/TextCompletionChunk"}},
                        },
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                },
            }
        },
        "/embeddings": {
            "post": {
                "operationId": "createEmbedding",
                "tags": ["embeddings"],
                "summary": "Create embeddings",
                "description": "Embeds one text or a batch of texts. Billed per million input tokens.",
                "x-oruel-source": "decided",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/getting-started/pricing",
                "x-oruel-resource": "embeddings.create",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EmbeddingRequest"}}},
                },
                "responses": {
                    "200": {
                        "description": "One embedding per input, in input order.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EmbeddingResponse"}}},
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                },
            }
        },
        "/models": {
            "get": {
                "operationId": "listModels",
                "tags": ["models"],
                "summary": "List models",
                "description": "The public model catalog. Needs no API key.",
                "x-oruel-source": "decided",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/getting-started/authentication",
                "x-oruel-resource": "models.list",
                "security": [],
                "responses": {
                    "200": {
                        "description": "Every model the API serves.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ModelList"}}},
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                },
            }
        },
        "/images/generations": {
            "post": {
                "operationId": "createImage",
                "tags": ["images"],
                "summary": "Generate images",
                "description": "Generates images from a prompt. Billed per image.",
                "x-oruel-source": "decided",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/getting-started/pricing",
                "x-oruel-resource": "images.generate",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ImageGenerationRequest"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "The generated images.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImagesResponse"}}},
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                },
            }
        },
        "/audio/speech": {
            "post": {
                "operationId": "createSpeech",
                "tags": ["audio"],
                "summary": "Text to speech",
                "description": "Speaks a text. Billed per request. The answer is the audio file itself.",
                "x-oruel-source": "decided",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/getting-started/pricing",
                "x-oruel-resource": "audio.speech.create",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SpeechRequest"}}},
                },
                "responses": {
                    "200": {
                        "description": "The audio file in the requested "
                        "format (mp3, wav, opus in Ogg, "
                        "flac, or raw pcm).",
                        "content": {
                            "audio/mpeg": {"schema": {"type": "string", "format": "binary"}},
                            "audio/wav": {"schema": {"type": "string", "format": "binary"}},
                            "audio/ogg": {"schema": {"type": "string", "format": "binary"}},
                            "audio/flac": {"schema": {"type": "string", "format": "binary"}},
                            "audio/pcm": {"schema": {"type": "string", "format": "binary"}},
                            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                        },
                    },
                    "default": {"$ref": "#/components/responses/Error"},
                },
            }
        },
    },
    "components": {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "`Authorization: Bearer <key>`; keys look "
                "like `oruel_` followed by 48 lowercase "
                "hex characters.",
            }
        },
        "responses": {
            "Error": {
                "description": "An error. Oru-el does not document its error body; the OpenAI envelope is assumed.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
            }
        },
        "schemas": {
            "SamplingParameters": {
                "type": "object",
                "description": "Sampling and decoding fields shared by chat and text completions.",
                "properties": {
                    "temperature": {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 2,
                        "default": 0.7,
                        "description": "Sampling temperature; higher is more random.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "top_p": {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 1,
                        "default": 1.0,
                        "description": "Nucleus "
                        "sampling; keeps "
                        "the smallest set "
                        "of tokens whose "
                        "probability adds "
                        "up to top_p.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "top_k": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 200,
                        "description": "Keeps only the k "
                        "most likely "
                        "tokens; applied "
                        "before top_p. 1 "
                        "is greedy. Not "
                        "an OpenAI field. "
                        "Not set by "
                        "default.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "min_p": {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 1,
                        "description": "Drops tokens "
                        "less likely than "
                        "min_p times the "
                        "most likely one. "
                        "Not an OpenAI "
                        "field. Not set "
                        "by default.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "max_tokens": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 131072,
                        "description": "Most tokens to generate. The server default depends on the model.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "stop": {
                        "description": "Up to 4 sequences "
                        "where generation "
                        "stops; each at "
                        "most 256 "
                        "characters. Not "
                        "set by default.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                        "oneOf": [
                            {"type": "string", "title": "StopString", "maxLength": 256},
                            {
                                "type": "array",
                                "title": "StopList",
                                "maxItems": 4,
                                "items": {"type": "string", "maxLength": 256},
                            },
                        ],
                    },
                    "stream": {
                        "type": "boolean",
                        "default": False,
                        "description": "Stream the answer as server-sent events.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/streaming",
                    },
                    "frequency_penalty": {
                        "type": "number",
                        "minimum": -2,
                        "maximum": 2,
                        "default": 0,
                        "description": "Penalises tokens by how often they already appeared.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "presence_penalty": {
                        "type": "number",
                        "minimum": -2,
                        "maximum": 2,
                        "default": 0,
                        "description": "Penalises tokens that already appeared at all.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "repetition_penalty": {
                        "type": "number",
                        "minimum": 0.1,
                        "maximum": 3,
                        "default": 1.0,
                        "description": "Multiplicative penalty on repeated tokens; 1.0 is none. Not an OpenAI field.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "seed": {
                        "type": "integer",
                        "description": "Best-effort "
                        "reproducibility; "
                        "the same seed and "
                        "inputs should "
                        "give the same "
                        "output. Not set "
                        "by default.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "n": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 1,
                        "default": 1,
                        "description": "Number of choices; only 1 is supported.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                    },
                    "tier": {
                        "type": "string",
                        "enum": ["standard", "turbo"],
                        "default": "standard",
                        "description": "`standard` is "
                        "cost-optimised; "
                        "`turbo` is low "
                        "latency at 1.5-3x "
                        "the price and is "
                        "not available on "
                        "every model. Not "
                        "an OpenAI field.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/getting-started/pricing",
                    },
                },
            },
            "ChatCompletionRequest": {
                "description": "The body of `POST /chat/completions`. "
                "The sampling fields and their "
                "documented ranges are in "
                "`SamplingParameters`, written once and "
                "shared with text completions.",
                "allOf": [
                    {"$ref": "#/components/schemas/SamplingParameters"},
                    {
                        "type": "object",
                        "required": ["model", "messages"],
                        "properties": {
                            "model": {
                                "type": "string",
                                "description": "Model id, e.g. `llama-4-maverick`.",
                                "examples": ["llama-4-maverick"],
                                "x-oruel-source": "documented",
                                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/chat-completions",
                            },
                            "messages": {
                                "type": "array",
                                "minItems": 1,
                                "maxItems": 256,
                                "description": "The conversation so far; a system message, if any, goes first.",
                                "items": {"$ref": "#/components/schemas/ChatMessage"},
                                "x-oruel-source": "documented",
                                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/chat-completions",
                            },
                            "response_format": {"$ref": "#/components/schemas/ResponseFormat"},
                            "tools": {
                                "type": "array",
                                "maxItems": 128,
                                "description": "Functions "
                                "the "
                                "model "
                                "may "
                                "call. "
                                "Names "
                                "must "
                                "be "
                                "unique "
                                "within "
                                "a "
                                "request. "
                                "Not "
                                "set "
                                "by "
                                "default.",
                                "items": {"$ref": "#/components/schemas/Tool"},
                                "x-oruel-source": "documented",
                                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/tool-calling",
                            },
                            "tool_choice": {"$ref": "#/components/schemas/ToolChoice"},
                        },
                    },
                ],
            },
            "ChatMessage": {
                "description": "One message of the conversation, told apart by `role`.",
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/chat-completions",
                "oneOf": [
                    {"$ref": "#/components/schemas/SystemMessage"},
                    {"$ref": "#/components/schemas/UserMessage"},
                    {"$ref": "#/components/schemas/AssistantMessage"},
                    {"$ref": "#/components/schemas/ToolMessage"},
                ],
            },
            "SystemMessage": {
                "type": "object",
                "title": "SystemMessage",
                "required": ["role", "content"],
                "properties": {
                    "role": {"const": "system", "x-oruel-source": "documented"},
                    "content": {
                        "type": "string",
                        "description": "Instructions for the model; place the system message first.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/chat-completions",
                    },
                },
            },
            "UserMessage": {
                "type": "object",
                "title": "UserMessage",
                "required": ["role", "content"],
                "properties": {
                    "role": {"const": "user", "x-oruel-source": "documented"},
                    "content": {
                        "description": "Text, or for vision models a list of text and image parts.",
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/chat-completions",
                        "oneOf": [
                            {"type": "string", "title": "UserText"},
                            {
                                "type": "array",
                                "title": "UserContentParts",
                                "items": {"$ref": "#/components/schemas/ContentPart"},
                            },
                        ],
                    },
                },
            },
            "ContentPart": {
                "description": "One part of a user message.",
                "x-oruel-source": "documented",
                "oneOf": [
                    {"$ref": "#/components/schemas/TextContentPart"},
                    {"$ref": "#/components/schemas/ImageContentPart"},
                ],
            },
            "TextContentPart": {
                "type": "object",
                "title": "TextContentPart",
                "required": ["type", "text"],
                "properties": {
                    "type": {"const": "text", "x-oruel-source": "documented"},
                    "text": {"type": "string", "x-oruel-source": "documented"},
                },
            },
            "ImageContentPart": {
                "type": "object",
                "title": "ImageContentPart",
                "required": ["type", "image_url"],
                "properties": {
                    "type": {"const": "image_url", "x-oruel-source": "documented"},
                    "image_url": {"$ref": "#/components/schemas/ImageURL"},
                },
            },
            "ImageURL": {
                "type": "object",
                "required": ["url"],
                "x-oruel-source": "documented",
                "properties": {
                    "url": {
                        "type": "string",
                        "description": "An https URL or a `data:` URL of the image.",
                        "x-oruel-source": "documented",
                    }
                },
            },
            "AssistantMessage": {
                "type": "object",
                "title": "AssistantMessage",
                "required": ["role"],
                "properties": {
                    "role": {"const": "assistant", "x-oruel-source": "documented"},
                    "content": {
                        "type": ["string", "null"],
                        "description": "The assistant's "
                        "text; may be "
                        "null or absent "
                        "when the message "
                        "carries tool "
                        "calls.",
                        "x-oruel-source": "decided",
                    },
                    "tool_calls": {
                        "type": "array",
                        "description": "Calls the assistant made, as returned by the API.",
                        "items": {"$ref": "#/components/schemas/ToolCall"},
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/tool-calling",
                    },
                },
            },
            "ToolMessage": {
                "type": "object",
                "title": "ToolMessage",
                "required": ["role", "tool_call_id", "content"],
                "properties": {
                    "role": {"const": "tool", "x-oruel-source": "decided"},
                    "tool_call_id": {
                        "type": "string",
                        "description": "The `id` of the tool call this message answers.",
                        "x-oruel-source": "decided",
                    },
                    "content": {"type": "string", "description": "The tool's result.", "x-oruel-source": "decided"},
                },
            },
            "ToolCall": {
                "type": "object",
                "required": ["id", "type", "function"],
                "x-oruel-source": "decided",
                "properties": {
                    "id": {"type": "string", "x-oruel-source": "decided"},
                    "type": {"const": "function", "x-oruel-source": "decided"},
                    "function": {"$ref": "#/components/schemas/FunctionCall"},
                },
            },
            "FunctionCall": {
                "type": "object",
                "required": ["name", "arguments"],
                "x-oruel-source": "decided",
                "properties": {
                    "name": {"type": "string", "x-oruel-source": "decided"},
                    "arguments": {
                        "type": "string",
                        "description": "The arguments as a JSON string, as generated by the model (check before use).",
                        "x-oruel-source": "decided",
                    },
                },
            },
            "Tool": {
                "type": "object",
                "required": ["type", "function"],
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/tool-calling",
                "properties": {
                    "type": {"const": "function", "x-oruel-source": "documented"},
                    "function": {"$ref": "#/components/schemas/FunctionDefinition"},
                },
            },
            "FunctionDefinition": {
                "type": "object",
                "required": ["name", "description", "parameters"],
                "description": "Oru-el requires all three fields (OpenAI makes description and parameters optional).",
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/tool-calling",
                "properties": {
                    "name": {
                        "type": "string",
                        "description": "Unique within a request.",
                        "x-oruel-source": "documented",
                    },
                    "description": {"type": "string", "x-oruel-source": "documented"},
                    "parameters": {
                        "type": "object",
                        "description": "A JSON Schema object describing the arguments.",
                        "x-oruel-source": "documented",
                    },
                },
            },
            "ToolChoice": {
                "description": '`"auto"`, `"none"`, or a named function. Not set by default.',
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/tool-calling",
                "oneOf": [
                    {"type": "string", "title": "ToolChoiceMode", "enum": ["auto", "none"]},
                    {"$ref": "#/components/schemas/NamedToolChoice"},
                ],
            },
            "NamedToolChoice": {
                "type": "object",
                "title": "NamedToolChoice",
                "required": ["type", "function"],
                "properties": {
                    "type": {"const": "function", "x-oruel-source": "documented"},
                    "function": {
                        "type": "object",
                        "title": "NamedToolChoiceFunction",
                        "required": ["name"],
                        "x-oruel-source": "documented",
                        "properties": {"name": {"type": "string", "x-oruel-source": "documented"}},
                    },
                },
            },
            "ResponseFormat": {
                "description": '`{"type": "text"}` (the server default) or `{"type": "json_object"}` (JSON mode).',
                "default": {"type": "text"},
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/parameters",
                "oneOf": [
                    {"$ref": "#/components/schemas/ResponseFormatText"},
                    {"$ref": "#/components/schemas/ResponseFormatJSONObject"},
                ],
            },
            "ResponseFormatText": {
                "type": "object",
                "title": "ResponseFormatText",
                "required": ["type"],
                "properties": {"type": {"const": "text", "x-oruel-source": "documented"}},
            },
            "ResponseFormatJSONObject": {
                "type": "object",
                "title": "ResponseFormatJSONObject",
                "required": ["type"],
                "properties": {"type": {"const": "json_object", "x-oruel-source": "documented"}},
            },
            "ChatCompletion": {
                "type": "object",
                "required": ["id", "object", "created", "model", "choices"],
                "description": "A non-streamed chat completion (OpenAI shape).",
                "x-oruel-source": "decided",
                "properties": {
                    "id": {"type": "string", "x-oruel-source": "decided"},
                    "object": {
                        "type": "string",
                        "description": "Always `chat.completion`.",
                        "x-oruel-source": "decided",
                    },
                    "created": {"type": "integer", "description": "Unix seconds.", "x-oruel-source": "decided"},
                    "model": {"type": "string", "x-oruel-source": "decided"},
                    "choices": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/ChatCompletionChoice"},
                        "x-oruel-source": "decided",
                    },
                    "usage": {"$ref": "#/components/schemas/Usage"},
                },
            },
            "ChatCompletionChoice": {
                "type": "object",
                "required": ["index", "message"],
                "x-oruel-source": "decided",
                "properties": {
                    "index": {"type": "integer", "x-oruel-source": "decided"},
                    "message": {"$ref": "#/components/schemas/ChatCompletionMessage"},
                    "finish_reason": {
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/streaming",
                        "anyOf": [{"$ref": "#/components/schemas/FinishReason"}, {"type": "null"}],
                    },
                },
            },
            "ChatCompletionMessage": {
                "type": "object",
                "required": ["role"],
                "x-oruel-source": "decided",
                "properties": {
                    "role": {"type": "string", "x-oruel-source": "decided"},
                    "content": {"type": ["string", "null"], "x-oruel-source": "decided"},
                    "tool_calls": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/ToolCall"},
                        "x-oruel-source": "documented",
                        "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/tool-calling",
                    },
                },
            },
            "FinishReason": {
                "type": "string",
                "description": "Only `stop` is documented; `length` and "
                "`tool_calls` are likely. The set is open; the "
                "client keeps values it does not know.",
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/streaming",
                "enum": ["stop", "length", "tool_calls", "content_filter"],
            },
            "Usage": {
                "type": "object",
                "required": ["prompt_tokens", "completion_tokens", "total_tokens"],
                "x-oruel-source": "decided",
                "properties": {
                    "prompt_tokens": {"type": "integer", "minimum": 0, "x-oruel-source": "decided"},
                    "completion_tokens": {"type": "integer", "minimum": 0, "x-oruel-source": "decided"},
                    "total_tokens": {"type": "integer", "minimum": 0, "x-oruel-source": "decided"},
                },
            },
            "ChatCompletionChunk": {
                "type": "object",
                "required": ["id", "object", "created", "model", "choices"],
                "description": "One streamed event. Oru-el sends `usage` "
                "on the last content chunk, together with "
                "`finish_reason`; `choices` may also be "
                "empty. Parse `usage` on any chunk.",
                "x-oruel-source": "documented",
                "x-oruel-docs": "https://cloud.oru-el.com/docs/inference/streaming",
                "properties": {
                    "id": {
                        "type": "string",
                        "description": "The same on every chunk of a stream.",
                        "x-oruel-source": "documented",
                    },
                    "object": {
                        "type": "string",
                        "description": "Always `chat.completion.chunk`.",
                        "x-oruel-source": "documented",
                    },
                    "created": {"type": "integer", "x-oruel-source": "documented"},
                    "model": {"type": "string", "x-oruel-source": "documented"},
                    "choices": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/ChatCompletionChunkChoice"},
                        "x-oruel-source": "documented",
                    },
                    "usage": {
                        "x-oruel-source": "documented",
                        "anyOf": [{"$ref": "#/components/schemas/Usage"}, {"type": "null"}],
                    },
                },
            },
            "ChatCompletionChunkChoice": {
                "type": "object",
                "required": ["index", "delta"],
                "x-oruel-source": "documented",
                "properties": {
                    "index": {"type": "integer", "x-oruel-source": "documented"},
                    "delta": {"$ref": "#/components/schemas/ChatCompletionDelta"},
                    "finish_reason": {
                        "description": "Null until the final content chunk.",
                        "x-oruel-source": "documented",
                        "anyOf": [{"$ref": "#/components/schemas/FinishReason"}, {"type": "null"}],
                    },
                },
            },
            "ChatCompletionDelta": {
                "type": "object",
                "x-oruel-source": "documented",
                "properties": {
                    "role": {
                        "type": "string",
                        "description": "Documented for the first chunk only, but often absent; never rely on it.",
                        "x-oruel-source": "documented",
                    },
                    "content": {
                        "type": ["string", "null"],
                        "description": "May be empty or absent.",
                        "x-oruel-source": "documented",
                    },
                    "tool_calls": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/ToolCallDelta"},
                        "x-oruel-source": "documented",
                    },
                },
            },
            "ToolCallDelta": {
                "type": "object",
                "required": ["index"],
                "description": "An incremental piece of a tool call; `arguments` pieces concatenate.",
                "x-oruel-source": "decided",
                "properties": {
                    "index": {"type": "integer", "x-oruel-source": "decided"},
                    "id": {"type": "string", "x-oruel-source": "decided"},
                    "type": {"type": "string", "x-oruel-source": "decided"},
                    "function": {
                        "type": "object",
                        "title": "ToolCallDeltaFunction",
                        "x-oruel-source": "decided",
                        "properties": {
                            "name": {"type": "string", "x-oruel-source": "decided"},
                            "arguments": {"type": "string", "x-oruel-source": "decided"},
                        },
                    },
                },
            },
            "CompletionRequest": {
                "description": "The body of `POST /completions`.",
                "allOf": [
                    {"$ref": "#/components/schemas/SamplingParameters"},
                    {
                        "type": "object",
                        "required": ["model", "prompt"],
                        "properties": {
                            "model": {"type": "string", "x-oruel-source": "decided"},
                            "prompt": {
                                "description": "The text to continue, or a batch of texts.",
                                "x-oruel-source": "decided",
                                "oneOf": [
                                    {"type": "string", "title": "PromptText"},
                                    {
                                        "type": "array",
                                        "title": "PromptList",
                                        "minItems": 1,
                                        "items": {"type": "string"},
                                    },
                                ],
                            },
                        },
                    },
                ],
            },
            "TextCompletion": {
                "type": "object",
                "required": ["id", "object", "created", "model", "choices"],
                "x-oruel-source": "decided",
                "properties": {
                    "id": {"type": "string", "x-oruel-source": "decided"},
                    "object": {
                        "type": "string",
                        "description": "Always `text_completion`.",
                        "x-oruel-source": "decided",
                    },
                    "created": {"type": "integer", "x-oruel-source": "decided"},
                    "model": {"type": "string", "x-oruel-source": "decided"},
                    "choices": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/TextCompletionChoice"},
                        "x-oruel-source": "decided",
                    },
                    "usage": {
                        "x-oruel-source": "decided",
                        "anyOf": [{"$ref": "#/components/schemas/Usage"}, {"type": "null"}],
                    },
                },
            },
            "TextCompletionChoice": {
                "type": "object",
                "required": ["index", "text"],
                "x-oruel-source": "decided",
                "properties": {
                    "index": {"type": "integer", "x-oruel-source": "decided"},
                    "text": {"type": "string", "x-oruel-source": "decided"},
                    "finish_reason": {
                        "x-oruel-source": "decided",
                        "anyOf": [{"$ref": "#/components/schemas/FinishReason"}, {"type": "null"}],
                    },
                },
            },
            "TextCompletionChunk": {
                "type": "object",
                "required": ["id", "object", "created", "model", "choices"],
                "description": "One streamed event of a text completion; `usage` may come on any chunk.",
                "x-oruel-source": "decided",
                "properties": {
                    "id": {"type": "string", "x-oruel-source": "decided"},
                    "object": {"type": "string", "x-oruel-source": "decided"},
                    "created": {"type": "integer", "x-oruel-source": "decided"},
                    "model": {"type": "string", "x-oruel-source": "decided"},
                    "choices": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/TextCompletionChoice"},
                        "x-oruel-source": "decided",
                    },
                    "usage": {
                        "x-oruel-source": "decided",
                        "anyOf": [{"$ref": "#/components/schemas/Usage"}, {"type": "null"}],
                    },
                },
            },
            "EmbeddingRequest": {
                "type": "object",
                "required": ["model", "input"],
                "x-oruel-source": "decided",
                "properties": {
                    "model": {"type": "string", "x-oruel-source": "decided"},
                    "input": {
                        "description": "A text, or a batch of texts.",
                        "x-oruel-source": "decided",
                        "oneOf": [
                            {"type": "string", "title": "EmbeddingInputText"},
                            {
                                "type": "array",
                                "title": "EmbeddingInputList",
                                "minItems": 1,
                                "items": {"type": "string"},
                            },
                        ],
                    },
                    "encoding_format": {
                        "type": "string",
                        "enum": ["float", "base64"],
                        "default": "float",
                        "description": "`float` "
                        "gives "
                        "arrays "
                        "of "
                        "numbers; "
                        "`base64` "
                        "gives "
                        "little-endian "
                        "float32 "
                        "bytes, "
                        "base64-encoded.",
                        "x-oruel-source": "decided",
                    },
                },
            },
            "EmbeddingResponse": {
                "type": "object",
                "required": ["object", "data", "model"],
                "x-oruel-source": "decided",
                "properties": {
                    "object": {"type": "string", "description": "Always `list`.", "x-oruel-source": "decided"},
                    "data": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Embedding"},
                        "x-oruel-source": "decided",
                    },
                    "model": {"type": "string", "x-oruel-source": "decided"},
                    "usage": {"$ref": "#/components/schemas/EmbeddingUsage"},
                },
            },
            "Embedding": {
                "type": "object",
                "required": ["object", "index", "embedding"],
                "x-oruel-source": "decided",
                "properties": {
                    "object": {"type": "string", "description": "Always `embedding`.", "x-oruel-source": "decided"},
                    "index": {"type": "integer", "x-oruel-source": "decided"},
                    "embedding": {
                        "x-oruel-source": "decided",
                        "oneOf": [
                            {"type": "array", "title": "EmbeddingVector", "items": {"type": "number"}},
                            {"type": "string", "title": "EmbeddingBase64"},
                        ],
                    },
                },
            },
            "EmbeddingUsage": {
                "type": "object",
                "required": ["prompt_tokens", "total_tokens"],
                "x-oruel-source": "decided",
                "properties": {
                    "prompt_tokens": {"type": "integer", "minimum": 0, "x-oruel-source": "decided"},
                    "total_tokens": {"type": "integer", "minimum": 0, "x-oruel-source": "decided"},
                },
            },
            "ModelList": {
                "type": "object",
                "required": ["object", "data"],
                "x-oruel-source": "decided",
                "properties": {
                    "object": {"type": "string", "description": "Always `list`.", "x-oruel-source": "decided"},
                    "data": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Model"},
                        "x-oruel-source": "decided",
                    },
                },
            },
            "Model": {
                "type": "object",
                "required": ["id", "object"],
                "x-oruel-source": "decided",
                "properties": {
                    "id": {"type": "string", "x-oruel-source": "decided"},
                    "object": {"type": "string", "description": "Always `model`.", "x-oruel-source": "decided"},
                    "created": {"type": "integer", "x-oruel-source": "decided"},
                    "owned_by": {"type": "string", "x-oruel-source": "decided"},
                },
            },
            "ImageGenerationRequest": {
                "type": "object",
                "required": ["model", "prompt"],
                "x-oruel-source": "decided",
                "properties": {
                    "model": {"type": "string", "x-oruel-source": "decided"},
                    "prompt": {"type": "string", "minLength": 1, "x-oruel-source": "decided"},
                    "negative_prompt": {
                        "type": "string",
                        "description": "What the image should not show.",
                        "x-oruel-source": "decided",
                    },
                    "n": {
                        "type": "integer",
                        "minimum": 1,
                        "default": 1,
                        "description": "Number of images, each billed.",
                        "x-oruel-source": "decided",
                    },
                    "width": {"type": "integer", "minimum": 1, "default": 1024, "x-oruel-source": "decided"},
                    "height": {"type": "integer", "minimum": 1, "default": 1024, "x-oruel-source": "decided"},
                    "steps": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Diffusion steps; the server default depends on the model.",
                        "x-oruel-source": "decided",
                    },
                    "seed": {"type": "integer", "x-oruel-source": "decided"},
                    "response_format": {
                        "type": "string",
                        "enum": ["b64_json", "url"],
                        "default": "b64_json",
                        "x-oruel-source": "decided",
                    },
                },
            },
            "ImagesResponse": {
                "type": "object",
                "required": ["data"],
                "x-oruel-source": "decided",
                "properties": {
                    "created": {"type": "integer", "x-oruel-source": "decided"},
                    "data": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Image"},
                        "x-oruel-source": "decided",
                    },
                },
            },
            "Image": {
                "type": "object",
                "x-oruel-source": "decided",
                "properties": {
                    "b64_json": {
                        "type": "string",
                        "description": "The image file",
                        "base64-encoded.": None,
                        "x-oruel-source": "decided",
                    },
                    "url": {"type": "string", "x-oruel-source": "decided"},
                    "revised_prompt": {"type": "string", "x-oruel-source": "decided"},
                },
            },
            "SpeechRequest": {
                "type": "object",
                "required": ["model", "input", "voice"],
                "x-oruel-source": "decided",
                "properties": {
                    "model": {"type": "string", "x-oruel-source": "decided"},
                    "input": {
                        "type": "string",
                        "minLength": 1,
                        "description": "The text to speak.",
                        "x-oruel-source": "decided",
                    },
                    "voice": {"type": "string", "description": "A voice id of the model.", "x-oruel-source": "decided"},
                    "response_format": {
                        "type": "string",
                        "enum": ["mp3", "wav", "opus", "flac", "pcm"],
                        "default": "mp3",
                        "x-oruel-source": "decided",
                    },
                },
            },
            "ErrorResponse": {
                "type": "object",
                "required": ["error"],
                "description": "The OpenAI error envelope (assumed; Oru-el does not document its errors).",
                "x-oruel-source": "decided",
                "properties": {"error": {"$ref": "#/components/schemas/ErrorDetail"}},
            },
            "ErrorDetail": {
                "type": "object",
                "required": ["message"],
                "x-oruel-source": "decided",
                "properties": {
                    "message": {"type": "string", "x-oruel-source": "decided"},
                    "type": {"type": "string", "x-oruel-source": "decided"},
                    "code": {"type": ["string", "null"], "x-oruel-source": "decided"},
                    "param": {"type": ["string", "null"], "x-oruel-source": "decided"},
                },
            },
        },
    },
}
