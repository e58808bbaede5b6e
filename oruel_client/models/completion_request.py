# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sampling_parameters_tier import SamplingParametersTier
from ..types import UNSET, Unset

# from_dict makes its instance without __init__ (bound here once: attribute lookups on `object` cost per call).
_new_instance = object.__new__


@_attrs_define
class CompletionRequest:
    """The body of `POST /completions`.

    Attributes:
        model (str): Source: decided.
        prompt (list[str] | str): The text to continue, or a batch of texts. Range: array: at least 1 items.
            Source: decided.
        temperature (float | Unset): Sampling temperature; higher is more random. Range: 0 to 2. Server
            default: 0.7. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
        top_p (float | Unset): Nucleus sampling; keeps the smallest set of tokens whose probability adds up
            to top_p. Range: 0 to 1. Server default: 1.0. Source: documented
            (https://cloud.oru-el.com/docs/inference/parameters).
        top_k (int | Unset): Keeps only the k most likely tokens; applied before top_p. 1 is greedy. Not an
            OpenAI field. Not set by default. Range: 0 to 200. Source: documented
            (https://cloud.oru-el.com/docs/inference/parameters).
        min_p (float | Unset): Drops tokens less likely than min_p times the most likely one. Not an OpenAI
            field. Not set by default. Range: 0 to 1. Source: documented
            (https://cloud.oru-el.com/docs/inference/parameters).
        max_tokens (int | Unset): Most tokens to generate. The server default depends on the model. Range: 1
            to 131072. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
        stop (list[str] | str | Unset): Up to 4 sequences where generation stops; each at most 256
            characters. Not set by default. Range: string: at most 256 characters; array: at most 4 items, each
            at most 256 characters. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
        stream (bool | Unset): Stream the answer as server-sent events. Server default: False. Source:
            documented (https://cloud.oru-el.com/docs/inference/streaming).
        frequency_penalty (float | Unset): Penalises tokens by how often they already appeared. Range: -2 to
            2. Server default: 0. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
        presence_penalty (float | Unset): Penalises tokens that already appeared at all. Range: -2 to 2.
            Server default: 0. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
        repetition_penalty (float | Unset): Multiplicative penalty on repeated tokens; 1.0 is none. Not an
            OpenAI field. Range: 0.1 to 3. Server default: 1.0. Source: documented
            (https://cloud.oru-el.com/docs/inference/parameters).
        seed (int | Unset): Best-effort reproducibility; the same seed and inputs should give the same
            output. Not set by default. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
        n (int | Unset): Number of choices; only 1 is supported. Range: exactly 1. Server default: 1.
            Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
        tier (SamplingParametersTier | Unset): `standard` is cost-optimised; `turbo` is low latency at
            1.5-3x the price and is not available on every model. Not an OpenAI field. Range: one of 'standard',
            'turbo'. Server default: 'standard'. Source: documented
            (https://cloud.oru-el.com/docs/getting-started/pricing).
    """

    model: str
    prompt: list[str] | str
    temperature: float | Unset = UNSET
    top_p: float | Unset = UNSET
    top_k: int | Unset = UNSET
    min_p: float | Unset = UNSET
    max_tokens: int | Unset = UNSET
    stop: list[str] | str | Unset = UNSET
    stream: bool | Unset = UNSET
    frequency_penalty: float | Unset = UNSET
    presence_penalty: float | Unset = UNSET
    repetition_penalty: float | Unset = UNSET
    seed: int | Unset = UNSET
    n: int | Unset = UNSET
    tier: SamplingParametersTier | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # JSON name -> (attribute, required), for obj["name"] and "name" in obj.
    _FIELDS: ClassVar[dict[str, tuple[str, bool]]] = {
        "model": ("model", True),
        "prompt": ("prompt", True),
        "temperature": ("temperature", False),
        "top_p": ("top_p", False),
        "top_k": ("top_k", False),
        "min_p": ("min_p", False),
        "max_tokens": ("max_tokens", False),
        "stop": ("stop", False),
        "stream": ("stream", False),
        "frequency_penalty": ("frequency_penalty", False),
        "presence_penalty": ("presence_penalty", False),
        "repetition_penalty": ("repetition_penalty", False),
        "seed": ("seed", False),
        "n": ("n", False),
        "tier": ("tier", False),
    }

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        model = self.model
        field_dict["model"] = model

        prompt: list[str] | str
        if isinstance(self.prompt, list):
            prompt = self.prompt

        else:
            prompt = self.prompt
        field_dict["prompt"] = prompt

        temperature = self.temperature
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        top_p = self.top_p
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

        top_k = self.top_k
        if top_k is not UNSET:
            field_dict["top_k"] = top_k

        min_p = self.min_p
        if min_p is not UNSET:
            field_dict["min_p"] = min_p

        max_tokens = self.max_tokens
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens

        stop: list[str] | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop

        else:
            stop = self.stop
        if stop is not UNSET:
            field_dict["stop"] = stop

        stream = self.stream
        if stream is not UNSET:
            field_dict["stream"] = stream

        frequency_penalty = self.frequency_penalty
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty

        presence_penalty = self.presence_penalty
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty

        repetition_penalty = self.repetition_penalty
        if repetition_penalty is not UNSET:
            field_dict["repetition_penalty"] = repetition_penalty

        seed = self.seed
        if seed is not UNSET:
            field_dict["seed"] = seed

        n = self.n
        if n is not UNSET:
            field_dict["n"] = n

        tier: str | Unset = UNSET
        if not isinstance(self.tier, Unset):
            tier = self.tier.value

        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Built without __init__ (a stream parses one object per event), so every attribute declared above is
        # assigned here (a subclass that adds fields must override from_dict). src_dict is only read: a required key
        # with [], an optional one after `in`.
        # A list or a string given for the object would otherwise pass as an empty one when no field is required
        # (`"delta": []`); the type test first, so a dict pays no ABC check.
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise TypeError(f"CompletionRequest.from_dict() takes a mapping, not {type(src_dict).__name__}")
        _obj = _new_instance(cls)
        known = 2  # known keys in src_dict: the required ones, and each optional one present
        _obj.model = src_dict["model"]

        def _parse_prompt(data: object) -> list[str] | str:
            if isinstance(data, list):
                try:
                    prompt_prompt_list = cast(list[str], data)

                    return prompt_prompt_list
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if isinstance(data, str):
                return data
            raise TypeError(f"{type(data).__name__} value matches no type of prompt")

        prompt = _parse_prompt(src_dict["prompt"])

        _obj.prompt = prompt

        if "temperature" in src_dict:
            known += 1
            _obj.temperature = src_dict["temperature"]
        else:
            _obj.temperature = UNSET

        if "top_p" in src_dict:
            known += 1
            _obj.top_p = src_dict["top_p"]
        else:
            _obj.top_p = UNSET

        if "top_k" in src_dict:
            known += 1
            _obj.top_k = src_dict["top_k"]
        else:
            _obj.top_k = UNSET

        if "min_p" in src_dict:
            known += 1
            _obj.min_p = src_dict["min_p"]
        else:
            _obj.min_p = UNSET

        if "max_tokens" in src_dict:
            known += 1
            _obj.max_tokens = src_dict["max_tokens"]
        else:
            _obj.max_tokens = UNSET

        if "stop" in src_dict:
            known += 1

            def _parse_stop(data: object) -> list[str] | str:
                if isinstance(data, list):
                    try:
                        stop_stop_list = cast(list[str], data)

                        return stop_stop_list
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"{type(data).__name__} value matches no type of stop")

            stop = _parse_stop(src_dict["stop"])

            _obj.stop = stop
        else:
            _obj.stop = UNSET

        if "stream" in src_dict:
            known += 1
            _obj.stream = src_dict["stream"]
        else:
            _obj.stream = UNSET

        if "frequency_penalty" in src_dict:
            known += 1
            _obj.frequency_penalty = src_dict["frequency_penalty"]
        else:
            _obj.frequency_penalty = UNSET

        if "presence_penalty" in src_dict:
            known += 1
            _obj.presence_penalty = src_dict["presence_penalty"]
        else:
            _obj.presence_penalty = UNSET

        if "repetition_penalty" in src_dict:
            known += 1
            _obj.repetition_penalty = src_dict["repetition_penalty"]
        else:
            _obj.repetition_penalty = UNSET

        if "seed" in src_dict:
            known += 1
            _obj.seed = src_dict["seed"]
        else:
            _obj.seed = UNSET

        if "n" in src_dict:
            known += 1
            _obj.n = src_dict["n"]
        else:
            _obj.n = UNSET

        if "tier" in src_dict:
            known += 1
            tier = SamplingParametersTier(src_dict["tier"])

            _obj.tier = tier
        else:
            _obj.tier = UNSET

        # Unknown keys are kept (in a new dict); there are some only when src_dict has more keys than the known ones.
        if len(src_dict) > known:
            _obj.additional_properties = {k: v for k, v in src_dict.items() if k not in cls._FIELDS}
        else:
            _obj.additional_properties = {}
        return _obj

    def validate(self) -> None:
        """Check this object against the constraints of components/schemas/CompletionRequest.

        Raises:
            OruelValidationError: naming the field path, the rule and the value.
        """
        from .._validation import validate as _validate  # noqa: PLC0415 (keeps the rules out of import time)

        _validate("CompletionRequest", self.to_dict())

    def to_json(self, *, indent: int | None = 2) -> str:
        """The JSON text of to_dict() (for a file, a log, a cache); `json.dumps(obj.to_dict())` is the same."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str | bytes) -> Self:
        """Parse JSON text, as from_dict() parses its decoded value."""
        return cls.from_dict(json.loads(data))

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """The value under a JSON key, known field or not; KeyError when it has none (absent, null or unset)."""
        field = self._FIELDS.get(key)
        if field is None:
            return self.additional_properties[key]
        value = getattr(self, field[0])
        if value is None or isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        field = self._FIELDS.get(key)
        if field is not None:
            setattr(self, field[0], value)
        else:
            self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        field = self._FIELDS.get(key)
        if field is None:
            del self.additional_properties[key]
        elif field[1]:
            raise KeyError(f"{key!r} is a required field of CompletionRequest")
        else:
            setattr(self, field[0], UNSET)

    def __contains__(self, key: Any) -> bool:
        """True for a JSON key that holds a value, known field or not (an absent or null field is not in)."""
        if not isinstance(key, str):
            return False
        field = self._FIELDS.get(key)
        if field is None:
            return key in self.additional_properties
        value = getattr(self, field[0])
        return value is not None and not isinstance(value, Unset)
