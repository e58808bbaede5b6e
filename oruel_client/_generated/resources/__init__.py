# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""The root of the resource facade of Oruel / AsyncOruel: `client.chat`, `client.embeddings`, ...

Each top-level resource lives in its own module beside this one (`chat.py` holds `client.chat` and
`client.chat.completions`), imported when the resource is first used: importing the client never executes the
classes of resources it does not use, however many operations the spec has. The type checkers see every class
through the TYPE_CHECKING imports.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from ..._client import AsyncOruel, Oruel
    from .audio import AsyncAudio, Audio
    from .chat import AsyncChat, Chat
    from .completions import AsyncCompletions, Completions
    from .embeddings import AsyncEmbeddings, Embeddings
    from .images import AsyncImages, Images
    from .models import AsyncModels, Models


class Resources:
    """The root of the facade, which Oruel inherits: each resource sends through the client's transport."""

    @cached_property
    def chat(self) -> Chat:
        from .chat import Chat  # on first use, not when the client is imported

        return Chat(cast("Oruel", self))

    @cached_property
    def completions(self) -> Completions:
        from .completions import Completions  # on first use, not when the client is imported

        return Completions(cast("Oruel", self))

    @cached_property
    def embeddings(self) -> Embeddings:
        from .embeddings import Embeddings  # on first use, not when the client is imported

        return Embeddings(cast("Oruel", self))

    @cached_property
    def models(self) -> Models:
        from .models import Models  # on first use, not when the client is imported

        return Models(cast("Oruel", self))

    @cached_property
    def images(self) -> Images:
        from .images import Images  # on first use, not when the client is imported

        return Images(cast("Oruel", self))

    @cached_property
    def audio(self) -> Audio:
        from .audio import Audio  # on first use, not when the client is imported

        return Audio(cast("Oruel", self))


class AsyncResources:
    """The root of the facade, which AsyncOruel inherits: each resource sends through the client's transport."""

    @cached_property
    def chat(self) -> AsyncChat:
        from .chat import AsyncChat  # on first use, not when the client is imported

        return AsyncChat(cast("AsyncOruel", self))

    @cached_property
    def completions(self) -> AsyncCompletions:
        from .completions import AsyncCompletions  # on first use, not when the client is imported

        return AsyncCompletions(cast("AsyncOruel", self))

    @cached_property
    def embeddings(self) -> AsyncEmbeddings:
        from .embeddings import AsyncEmbeddings  # on first use, not when the client is imported

        return AsyncEmbeddings(cast("AsyncOruel", self))

    @cached_property
    def models(self) -> AsyncModels:
        from .models import AsyncModels  # on first use, not when the client is imported

        return AsyncModels(cast("AsyncOruel", self))

    @cached_property
    def images(self) -> AsyncImages:
        from .images import AsyncImages  # on first use, not when the client is imported

        return AsyncImages(cast("AsyncOruel", self))

    @cached_property
    def audio(self) -> AsyncAudio:
        from .audio import AsyncAudio  # on first use, not when the client is imported

        return AsyncAudio(cast("AsyncOruel", self))
