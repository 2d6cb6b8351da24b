"""A fake Maskinporten and NAV for tests and the demo (nav/fake/server.py)."""

from .server import FakeState, RunningFake, generate_private_key, public_key_of

__all__ = ["FakeState", "RunningFake", "generate_private_key", "public_key_of"]
