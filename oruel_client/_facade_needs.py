"""The facade methods that hand-written code calls, kept in this one place: `python -m generator` (and `--check`)
reads this mapping as data and refuses a spec that no longer makes one of them, naming who needs it, so that
removing or renaming an operation in openapi.yaml fails at generation time rather than when a user runs the CLI.
Add an entry when hand-written code starts calling a facade method; remove it when the code stops."""

from typing import Final

NEEDED: Final[dict[str, str]] = {
    "chat.completions.create": "oruel chat (cli/chat.py)",
    "completions.create": "oruel complete (cli/chat.py)",
    "embeddings.create": "oruel embed (cli/embed.py)",
    "images.generate": "oruel images generate (cli/images.py)",
    "audio.speech.create": "oruel speech (cli/speech.py)",
    "models.list": "oruel models (cli/models.py)",
}
