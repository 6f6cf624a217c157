"""Helpers of the 1-Wire tests."""

import asyncio
from collections.abc import Callable

from homeassistant.core import HomeAssistant


async def wait_until(
    hass: HomeAssistant, condition: Callable[[], bool], timeout: float = 15.0
) -> None:
    """Let Home Assistant and the owfs engine run until condition holds.

    The engine's reconnects and scans run in its own tasks, which
    ``async_block_till_done`` does not wait for; this bounds the wait instead
    of guessing a sleep. Fails the test if the condition never holds.
    """
    async with asyncio.timeout(timeout):
        while not condition():
            await hass.async_block_till_done()
            await asyncio.sleep(0.05)
