# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Generated, private: the spec's rules (``rules``), the whole spec as data (``document``) and the typed facade
(``resources``). Nothing here is hand-written; edit openapi.yaml or templates/ and run ``python -m generator``."""

from typing import Final

# Here as well as in rules: a client built without base_url needs it, and rules is large on a large spec.
BASE_URL: Final = "https://api.oru-el.com/v1/inference"
