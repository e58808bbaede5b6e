"""The ``oruel`` command line (``python -m oruel_client.cli``, the ``oruel`` console script)."""

from .parser import (
    EPILOG,
    EXIT_API,
    EXIT_CONNECTION,
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_NO_KEY,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_VALIDATION,
    build_parser,
    main,
)

__all__ = [
    "main",
    "build_parser",
    "EPILOG",
    "EXIT_OK",
    "EXIT_FAILURE",
    "EXIT_USAGE",
    "EXIT_VALIDATION",
    "EXIT_API",
    "EXIT_CONNECTION",
    "EXIT_NO_KEY",
    "EXIT_INTERRUPTED",
]
