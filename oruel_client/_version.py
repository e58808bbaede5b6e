"""The package version: the one place it is written (pyproject.toml reads it; so do the user agent and the CLI)."""

__version__ = "0.1.0"
