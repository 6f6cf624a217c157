"""Who may call the raw actions, and what write refuses (the probe's part 4).

A user outside the administrators' group is created the way the Users page
does (``config/auth/create``, then ``config/auth_provider/homeassistant/
create``) and logs in through the login flow. Each action is called over
REST and over the WebSocket API: ``write`` and ``send_message`` must answer
Unauthorized, ``read`` and ``scan`` must work. Then the owner writes to
owserver's own settings without ``allow_owserver_settings``: each spelling
of such a path must be refused with the translated message that names it,
and owserver's setting must be what it was.
"""

import re
from typing import Any

from hass_client import HomeAssistantClient
from probe_support import FAIL, PASS, Answer, Probe, send, shown
from repo import DOMAIN

GUEST_USER = "probe-user"
GUEST_PASSWORD = "probe-user-password"  # noqa: S105 (a throw-away instance)
SETTING = "/settings/timeout/volatile"
SETTINGS_SPELLINGS = (
    SETTING,
    "//settings/timeout/volatile",
    "/SETTINGS/timeout/volatile",
    "/uncached/settings/timeout/volatile",
    "/uncached//Settings/timeout/volatile",
    "/settings/units/temperature_scale",
    "/system/process/pid",
    "/statistics/errors/CRC8_errors",
    "/structure/28/temperature",
    "/bus.0/interface/settings/name",
    "/uncached/bus.0/interface/statistics/errors",
)
INVALID_PATHS = (
    "",
    "settings/timeout/volatile",
    "/28.000000000000/../settings/timeout/volatile",
    "/settings\n/timeout",
    "/a b",
)
#: Paths owserver refuses: the caller's mistake, so a 4xx, not a 500.
REFUSED_BY_OWSERVER = (
    ("read", "/{thermometer}/nonexistent"),
    ("read", "/{thermometer}"),
    ("read", "/28.000000000000/temperature"),
    ("write", "/{thermometer}/temperature"),
    ("write", "/{thermometer}/type"),
    ("write", "/" + "a" * 10_000),
)
WEBSOCKET_LOGGER = "[homeassistant.components.websocket_api.http.connection]"
ONEWIRE_ID = re.compile(r"^([0-9A-F]{2})\.[0-9A-F]{12}$")


async def onewire_ids(probe: Probe) -> dict[str, str]:
    """One 1-Wire id per family of the fake owserver's devices."""
    devices = await probe.client.ws("config/device_registry/list")
    found: dict[str, str] = {}
    for device in devices:
        if probe.owserver_entry["entry_id"] not in device["config_entries"]:
            continue
        for _domain, identifier in device["identifiers"]:
            if match := ONEWIRE_ID.match(identifier):
                found.setdefault(match.group(1), identifier)
    return found


async def rest_call(
    client: HomeAssistantClient, service: str, data: dict[str, Any], *, response: bool
) -> Answer:
    """POST /api/services/onewire_own/<service>."""
    query = "?return_response" if response else ""
    return await send(
        client, "POST", f"/api/services/{DOMAIN}/{service}{query}", body=data
    )


async def ws_call(
    client: HomeAssistantClient, service: str, data: dict[str, Any], *, response: bool
) -> dict[str, Any]:
    """The WebSocket call_service answer, success or error."""
    return await client.ws_answer(
        "call_service",
        domain=DOMAIN,
        service=service,
        service_data=data,
        return_response=response,
    )


def ws_summary(answer: dict[str, Any]) -> str:
    """The WebSocket answer in a few words."""
    if answer.get("success"):
        return "success"
    error = answer.get("error") or {}
    return f"{error.get('code')}: {str(error.get('message', ''))[:70]}"


async def create_guest(probe: Probe) -> None:
    """A user outside the administrators' group, with a password."""
    created = await probe.client.ws(
        "config/auth/create",
        name="Probe User",
        group_ids=["system-users"],
        local_only=False,
    )
    await probe.client.ws(
        "config/auth_provider/homeassistant/create",
        user_id=created["user"]["id"],
        username=GUEST_USER,
        password=GUEST_PASSWORD,
    )


async def probe_access(probe: Probe) -> None:
    """Part 4: non-admin callers, and write to owserver's settings."""
    ids = await onewire_ids(probe)
    temperature = ids.get("28") or ids.get("10") or next(iter(ids.values()))
    switch = ids.get("29") or ids.get("3A") or ids.get("12")
    light = probe.stack.gateway.installation.lights[0].where
    owserver_entry = probe.owserver_entry["entry_id"]
    gateway_entry = probe.gateway_entry["entry_id"]
    calls: list[tuple[str, dict[str, Any], bool, bool]] = [
        # service, data, wants a response, allowed for a non-admin
        (
            "write",
            {
                "config_entry_id": owserver_entry,
                "path": f"/{switch}/PIO.0",
                "value": "1",
            },
            False,
            False,
        ),
        (
            "send_message",
            {"config_entry_id": gateway_entry, "frame": f"*1*1*{light}##"},
            True,
            False,
        ),
        (
            "read",
            {"config_entry_id": owserver_entry, "path": f"/{temperature}/temperature"},
            True,
            True,
        ),
        ("scan", {"config_entry_id": owserver_entry}, False, True),
        ("scan", {}, False, True),
    ]
    await create_guest(probe)
    table = probe.table(
        "4. Actions by caller (REST and WebSocket)",
        ["caller", "action", "REST", "WebSocket", "expected"],
    )
    mark = probe.log.mark()
    async with HomeAssistantClient(probe.client.base_url) as guest:
        await guest.login(GUEST_USER, GUEST_PASSWORD)
        for caller, client in (("non-admin", guest), ("owner", probe.client)):
            for service, data, response, allowed in calls:
                rest = await rest_call(client, service, data, response=response)
                ws = await ws_call(client, service, data, response=response)
                may = allowed or caller == "owner"
                if may:
                    ok = rest.status == 200 and bool(ws.get("success"))
                else:
                    error = ws.get("error") or {}
                    # Home Assistant's call_service answers Unauthorized as a
                    # home_assistant_error whose message is "Unauthorized".
                    ok = rest.status == 401 and (
                        error.get("code") == "unauthorized"
                        or error.get("message") == "Unauthorized"
                    )
                table.add(
                    caller,
                    f"{service} {shown(data.get('path') or data.get('frame') or '', 36)}",
                    f"HTTP {rest.status}"
                    + (
                        f" {shown(rest.body.get('service_response'), 50)}"
                        if rest.status == 200 and isinstance(rest.body, dict)
                        else ""
                    ),
                    ws_summary(ws),
                    "works" if may else "Unauthorized",
                    verdict=PASS if ok else FAIL,
                )
        flow = await send(
            guest,
            "POST",
            "/api/config/config_entries/flow",
            body={"handler": DOMAIN},
        )
        table.add(
            "non-admin",
            "start a config flow",
            f"HTTP {flow.status}",
            "",
            "Unauthorized",
            verdict=PASS if flow.status == 401 else FAIL,
        )
    await probe_settings_writes(probe, owserver_entry, temperature)
    lines = probe.log.problems_since(mark)
    # Home Assistant's WebSocket API logs every refused call_service
    # (Unauthorized, ServiceValidationError) at ERROR itself.
    websocket = [line for line in lines if WEBSOCKET_LOGGER in line]
    problems = [line for line in lines if WEBSOCKET_LOGGER not in line]
    table.notes += [
        f"ERROR lines in the hass log during part 4: {len(problems)}, besides"
        f" {len(websocket)} by {WEBSOCKET_LOGGER} for the refused WebSocket calls",
        *(f"    {line[:200]}" for line in problems[:10]),
    ]


async def probe_settings_writes(probe: Probe, entry_id: str, thermometer: str) -> None:
    """The owner's writes to owserver's settings, then to invalid paths."""
    table = probe.table(
        "4b. owner: write to owserver's own settings without allow_owserver_settings",
        ["path", "REST", "WebSocket translation key", "message names the path"],
    )
    before = await read_value(probe, entry_id, SETTING)
    for path in SETTINGS_SPELLINGS:
        data = {"config_entry_id": entry_id, "path": path, "value": "1"}
        rest = await rest_call(probe.client, "write", data, response=False)
        ws = await ws_call(probe.client, "write", data, response=False)
        error = ws.get("error") or {}
        message = str(error.get("message", ""))
        names = path in message and "owserver_settings_path" not in message
        table.add(
            shown(path, 40),
            f"HTTP {rest.status}",
            error.get("translation_key", "—"),
            f"yes: {shown(message, 60)}" if names else f"no: {shown(message, 60)}",
            verdict=PASS
            if rest.status == 400
            and error.get("translation_key") == "owserver_settings_path"
            and names
            else FAIL,
        )
    after = await read_value(probe, entry_id, SETTING)
    table.add(
        f"read {SETTING} before / after",
        before,
        after,
        "",
        verdict=PASS if before == after else FAIL,
    )
    for path in INVALID_PATHS:
        data = {"config_entry_id": entry_id, "path": path, "value": "1"}
        rest = await rest_call(probe.client, "write", data, response=False)
        ws = await ws_call(probe.client, "write", data, response=False)
        error = ws.get("error") or {}
        table.add(
            f"(invalid) {shown(path, 40)}",
            f"HTTP {rest.status}",
            error.get("translation_key", ws_summary(ws)),
            shown(str(error.get("message", "")), 60),
            verdict=PASS if 400 <= rest.status < 500 else FAIL,
        )
    for service, template in REFUSED_BY_OWSERVER:
        path = template.format(thermometer=thermometer)
        data = {"config_entry_id": entry_id, "path": path}
        if service == "write":
            data["value"] = "1"
        rest = await rest_call(probe.client, service, data, response=service == "read")
        ws = await ws_call(probe.client, service, data, response=service == "read")
        error = ws.get("error") or {}
        table.add(
            f"(owserver refuses) {service} {shown(path, 40)}",
            f"HTTP {rest.status}",
            f"{error.get('code')}/{error.get('translation_key')}",
            shown(str(error.get("message", "")), 60),
            verdict=PASS if 400 <= rest.status < 500 else FAIL,
        )


async def read_value(probe: Probe, entry_id: str, path: str) -> str:
    """onewire_own.read of path, as the owner."""
    answer = await rest_call(
        probe.client,
        "read",
        {"config_entry_id": entry_id, "path": path},
        response=True,
    )
    if answer.status != 200:
        return f"HTTP {answer.status}"
    return str(answer.body["service_response"]["value"])
