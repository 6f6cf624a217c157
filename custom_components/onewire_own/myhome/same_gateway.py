"""Is a typed address a gateway that an entry already serves, whatever it is called?

A gateway lets few sessions in (an MH200N: one command session besides the
event session), and its entry holds them. A flow that logs in to a gateway
that is already configured waits for a place that does not free up and
answers "cannot connect" for a gateway that works; and on an MH200N a
session held beyond the limit silences the entry's event session meanwhile,
so bus events are lost. The manual flows therefore recognise a configured
gateway by the addresses its host resolves to, with the same port
(``localhost``, ``127.1`` and ``127.0.0.1`` are one gateway), before logging
in. The MAC address read at login still recognises one reached at an address
that resolves elsewhere.
"""

import asyncio
import ipaddress
import socket
from typing import Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant

from ..const import CONF_KIND, DOMAIN, EntryKind

RESOLVE_TIMEOUT: Final = 5.0


def _canonical(address: str) -> str:
    """The address a connection to address reaches, written one way.

    An IPv4 address reached through IPv6 (``::ffff:a.b.c.d``) is that IPv4
    address; the unspecified address (``0.0.0.0``, ``::``) connects to this
    machine, so it is the loopback address of its family.
    """
    try:
        parsed = ipaddress.ip_address(address.partition("%")[0])
    except ValueError:
        return address
    mapped = getattr(parsed, "ipv4_mapped", None)
    parsed = mapped or parsed
    if parsed.is_unspecified:
        return "127.0.0.1" if parsed.version == 4 else "::1"
    return str(parsed)


async def async_addresses(hass: HomeAssistant, host: str, port: int) -> frozenset[str]:
    """The addresses host resolves to for TCP; none when it names none (now)."""
    if not host.strip() or "\x00" in host:
        return frozenset()
    try:
        async with asyncio.timeout(RESOLVE_TIMEOUT):
            infos = await hass.loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, OverflowError, TimeoutError):
        # gaierror, and UnicodeError for names the resolver cannot encode: the
        # login that follows turns them into the form's error.
        return frozenset()
    return frozenset(_canonical(str(info[4][0])) for info in infos)


async def async_gateway_entry_at(
    hass: HomeAssistant, host: str, port: int, *, besides: str | None = None
) -> ConfigEntry | None:
    """The gateway entry (other than the one with id besides) at host:port."""
    addresses = await async_addresses(hass, host.strip(), port)
    if not addresses:
        return None
    for entry in hass.config_entries.async_entries(DOMAIN):
        if (
            entry.entry_id == besides
            or entry.data.get(CONF_KIND) != EntryKind.OPENWEBNET
            or entry.data[CONF_PORT] != port
        ):
            continue
        if addresses & await async_addresses(hass, entry.data[CONF_HOST], port):
            return entry
    return None
