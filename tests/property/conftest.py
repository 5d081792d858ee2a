"""Hypothesis' settings for the property tests."""

from __future__ import annotations

from hypothesis import settings

# Properties check what holds, not how fast: Hypothesis' default 200 ms deadline per example
# fails at random on a busy machine (speed is measured in bench/, never in tests).
settings.register_profile("legplan", deadline=None)
settings.load_profile("legplan")
