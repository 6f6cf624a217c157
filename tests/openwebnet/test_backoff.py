"""Reconnect delays and the login cap, on their own (no gateway, a fake clock)."""

import asyncio
import logging
from typing import Any

import pytest

from custom_components.onewire_own.openwebnet.errors import (
    OpenWebNetAuthError,
    OpenWebNetConnectionError,
)
from custom_components.onewire_own.openwebnet.login_rate import LoginRate
from custom_components.onewire_own.openwebnet.monitor import (
    RECONNECT_GROWTH,
    Backoff,
    EventMonitor,
)
from custom_components.onewire_own.openwebnet.session import Session


def test_reconnect_delays_double_up_to_the_cap_and_restart_after_a_reset() -> None:
    backoff = Backoff(1.0, 60.0)
    assert [backoff.next_delay() for _ in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]
    backoff.reset()
    assert backoff.next_delay() == 1


def test_delays_stay_at_the_minimum_for_the_steady_attempts_then_grow() -> None:
    backoff = Backoff(1.0, 60.0, RECONNECT_GROWTH, steady=3)
    assert [backoff.next_delay() for _ in range(5)] == [1, 1, 1, 1.5, 2.25]
    backoff.reset()
    assert [backoff.next_delay() for _ in range(4)] == [1, 1, 1, 1.5]


async def _refused() -> Session:
    raise OpenWebNetConnectionError("connection refused: the gateway reboots")


async def test_a_gateway_rebooting_is_tried_every_second_for_six_seconds() -> None:
    """Gateways reboot in 1-5 s: the attempt that finds one back comes within 1 s.

    Through Home Assistant (script/probe.py), growing from the first delay
    (attempts 1, 2.5, 4.75, 8.1 s after the loss) left a gateway back after
    4.8 s unfound for 3.3 s: its entities came back 5.2 s after its port
    reopened, over the 5 s target.
    """

    async def alive(_timeout: float) -> None:
        return None

    monitor = EventMonitor(_refused, lambda _frames: None, lambda _up: None, alive)
    after_loss = monitor._backoff.next_delay()  # the sleep that follows a loss
    delays = [after_loss] + [await monitor._reconnect() for _ in range(7)]
    attempts = [sum(delays[: n + 1]) for n in range(len(delays))]

    assert attempts[:6] == [1, 2, 3, 4, 5, 6]
    assert attempts[6:] == [7.5, 9.75]  # a longer outage backs off


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_ten_logins_a_minute_then_each_waits_for_the_oldest_to_age() -> None:
    clock = FakeClock()
    rate = LoginRate(max_logins=10, window=60.0, clock=clock)
    for second in range(10):
        clock.now = float(second)
        rate.settle(await rate.reserve())
    assert rate.wait == pytest.approx(51.0)  # the first login, dated 0, ages at 60
    clock.now = 59.0
    assert rate.wait == pytest.approx(1.0)
    clock.now = 60.0
    assert rate.wait == 0.0


async def test_a_login_that_never_reached_the_gateway_does_not_count() -> None:
    clock = FakeClock()
    rate = LoginRate(max_logins=1, window=60.0, clock=clock)
    rate.cancel(await rate.reserve())
    assert rate.wait == 0.0


async def test_a_login_is_dated_when_it_ends() -> None:
    clock = FakeClock()
    rate = LoginRate(max_logins=1, window=60.0, clock=clock)
    stamp = await rate.reserve()
    clock.now = 5.0  # a slow handshake
    rate.settle(stamp)
    clock.now = 62.0
    assert rate.wait == pytest.approx(3.0)


def test_a_cap_below_one_login_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LoginRate(max_logins=0)


class DroppedSession:
    """An event session the gateway closes at once."""

    async def read_available(self) -> list[object]:
        raise OpenWebNetConnectionError("closed by the gateway")

    async def close(self) -> None:
        """Nothing to close."""


async def test_a_refused_password_is_warned_once_until_a_login_works(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Four refusals, a login, two refusals: two warnings, not six."""
    outcomes: list[object] = [OpenWebNetAuthError("wrong password")] * 4
    outcomes += [DroppedSession()]
    outcomes += [OpenWebNetAuthError("wrong password")] * 2
    done = asyncio.Event()

    async def opener() -> Any:
        if not outcomes:
            done.set()
            await asyncio.Event().wait()
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    async def alive(timeout: float) -> None:
        """The gateway answers."""

    monitor = EventMonitor(
        opener,
        lambda frames: None,
        lambda connected: None,
        alive,
        reconnect_min=0.001,
        auth_retry_delay=0.001,
    )
    monitor.start()
    await asyncio.wait_for(done.wait(), timeout=10)
    await monitor.close()

    warnings = [
        record.getMessage()
        for record in caplog.records
        if record.levelno == logging.WARNING
    ]
    assert warnings == ["Gateway refused the password on reconnect: wrong password"] * 2
