"""Test configuration: hypothesis profiles (``default`` for the test command, ``long`` for the
fuzzing runs: ``pytest --hypothesis-profile=long``)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", deadline=None, max_examples=100_000, suppress_health_check=list(HealthCheck)
)
settings.load_profile("default")
