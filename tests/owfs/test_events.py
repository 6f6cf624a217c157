"""Event delivery: streams, callbacks, bounded queues."""

import asyncio
import logging

import pytest

from custom_components.onewire_own.owfs import (
    OWFS,
    BusAdded,
    BusAdded_Path,
    Device,
    DeviceAdded,
    DeviceAlarm,
    Event,
    EventsDropped,
)


async def test_a_slow_reader_loses_its_oldest_events_and_is_told_how_many(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with OWFS(event_queue_size=3) as ow:
        with ow.events as events:
            devices = [Device(f"28.00000000000{n}") for n in range(8)]
            for device in devices:
                ow.push_event(DeviceAlarm(device))
            assert events.dropped == 5
            received = [await anext(events) for _ in range(4)]
    assert received == [EventsDropped(5), *(DeviceAlarm(d) for d in devices[5:])]
    assert "lost events" in caplog.text


async def test_a_stream_ends_when_the_instance_closes() -> None:
    ow = OWFS()
    device = Device("28.000000000001")
    with ow.events as events:
        ow.push_event(DeviceAlarm(device))
        await ow.aclose()
        received = [event async for event in events]
    assert received == [DeviceAlarm(device)]


async def test_a_stream_entered_after_closing_ends_at_once() -> None:
    ow = OWFS()
    await ow.aclose()
    with ow.events as events:
        assert [event async for event in events] == []


async def test_only_entered_streams_receive_events() -> None:
    async with OWFS() as ow:
        stream = ow.events
        ow.push_event(DeviceAlarm(Device("28.000000000001")))
        with stream:
            device = await ow.get_device("28.000000000002")
            assert await anext(stream) == DeviceAdded(device)


async def test_listeners_are_called_until_they_unsubscribe(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with OWFS() as ow:
        received: list[Event] = []

        def broken(event: Event) -> None:
            raise RuntimeError("listener bug")

        ow.add_listener(broken)
        unsubscribe = ow.add_listener(received.append)
        first = await ow.get_device("28.000000000001")
        unsubscribe()
        unsubscribe()
        await ow.get_device("28.000000000002")
    assert received == [DeviceAdded(first)]
    assert caplog.records[0].levelno == logging.ERROR


async def test_add_task_tasks_end_with_the_instance() -> None:
    forever = asyncio.Event()
    async with OWFS() as ow:
        task = await ow.add_task(forever.wait)
    assert task.cancelled()


def test_bus_added_path_compares_with_bus_added_events() -> None:
    class FakeBus:
        path = ("bus.0",)

    assert BusAdded_Path("bus.0") == BusAdded(FakeBus())  # type: ignore[arg-type]
    assert BusAdded_Path("bus.0") == BusAdded_Path("bus.0")
    assert BusAdded_Path("bus.1") != BusAdded(FakeBus())  # type: ignore[arg-type]
    assert BusAdded_Path("bus.0") != "bus.0"
    assert hash(BusAdded_Path("bus.0")) == hash(("bus.0",))
    assert repr(BusAdded_Path("bus.0")) == "BusAdded_Path('bus.0',)"
