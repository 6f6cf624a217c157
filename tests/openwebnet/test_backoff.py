"""Reconnect delays: from the minimum, doubling, capped, reset after success."""

from custom_components.onewire_own.openwebnet.monitor import Backoff


def test_reconnect_delays_double_up_to_the_cap_and_restart_after_a_reset() -> None:
    backoff = Backoff(1.0, 60.0)
    assert [backoff.next_delay() for _ in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]
    backoff.reset()
    assert backoff.next_delay() == 1
