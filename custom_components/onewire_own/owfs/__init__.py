"""Asyncio owserver client and 1-Wire object model (no Home Assistant imports)."""

from .probe import OwfsConnectionError, OwfsError, check_server

__all__ = ["OwfsConnectionError", "OwfsError", "check_server"]
