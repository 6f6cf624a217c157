"""Fixtures of the openwebnet tests: the project's gateway simulator."""

from tests.peers.gateway import gateway_factory

from .helpers import connect

__all__ = ["connect", "gateway_factory"]
