"""The endpoint-function tests use the generator tests' scripted server (one RawServer per module)."""

from tests.generator.conftest import _module_server, stub  # noqa: F401 (fixtures, found by pytest by name)
