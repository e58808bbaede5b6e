"""Test-wide settings: the ``ci-long`` hypothesis profile (``pytest --hypothesis-profile ci-long``) gives every
property ten times its default examples (see tests/contract/support.py:examples)."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci-long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
