# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Generated, private: the spec's rules (``rules``), the whole spec as data (``document``) and the typed facade
(``resources``). Nothing here is hand-written; edit openapi.yaml or templates/ and run ``python -m generator``."""
