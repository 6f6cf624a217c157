"""The device registry: one Device object per 1-Wire id, whatever its location.

Shared by every server of an OWFS instance (a device may move from one
owserver to another), by scans that locate devices and by alarm polling that
looks them up. Code may hold on to a Device for as long as the OWFS instance
lives: the registry never replaces it.
"""

from .device import Device
from .events import DeviceAdded, DeviceDeleted, DeviceNotFound, EventSink
from .protocol import canonical_device_id


class DeviceRegistry:
    """Canonical id (``28.4AEC29CDBAAB``) → Device."""

    def __init__(self, emit: EventSink) -> None:
        """Announce added and deleted devices through emit."""
        #: Every device ever seen or asked for and not deleted.
        self.devices: dict[str, Device] = {}
        self._emit = emit

    def device_for_id(self, device_id: str) -> Device:
        """The Device for an id in any owserver form; created (DeviceAdded) if new.

        Raises:
            ValueError: device_id is not a 1-Wire id.
        """
        canonical = canonical_device_id(device_id)
        if canonical is None:
            raise ValueError(f"not a 1-Wire device id: {device_id!r}")
        device = self.devices.get(canonical)
        if device is None:
            device = self.devices[canonical] = Device(canonical)
            self._emit(DeviceAdded(device))
        return device

    def delete(self, device: Device) -> None:
        """Forget a device (DeviceNotFound if located, then DeviceDeleted)."""
        if device.bus is not None:
            device.delocate()
            self._emit(DeviceNotFound(device))
        if self.devices.get(device.id) is device:
            del self.devices[device.id]
            self._emit(DeviceDeleted(device))
