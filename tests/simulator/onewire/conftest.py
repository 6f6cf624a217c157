"""Fixtures of the emulated-bus tests: owserver on the emulator."""

from tests.peers.onewire_bus import emulated_owserver_factory

__all__ = ["emulated_owserver_factory"]
