"""The facade methods that hand-written code calls, kept in this one place: `python -m generator` (and `--check`)
reads this mapping as data and refuses a spec that no longer makes one of them, naming who needs it, so that
removing or renaming an operation in openapi.yaml fails at generation time rather than when a user runs the CLI.
Each value is the file (relative to the package) that calls the method: a package built without that file (a
client generated from another spec, with only the core runtime copied beside it) does not need the method.
Add an entry when hand-written code starts calling a facade method; remove it when the code stops."""

from typing import Final

NEEDED: Final[dict[str, str]] = {
    "chat.completions.create": "cli/chat.py",
    "completions.create": "cli/chat.py",
    "embeddings.create": "cli/embed.py",
    "images.generate": "cli/images.py",
    "audio.speech.create": "cli/speech.py",
    "models.list": "cli/models.py",
}
