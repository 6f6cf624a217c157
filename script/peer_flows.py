"""Add the stack's owserver and gateway to Home Assistant through the real config flow.

The flow is walked the way the UI walks it: the "user" menu, then each form
filled with the answers a person would type (only the fields the form asks
for, so new optional fields do not break it).
"""

from collections.abc import Mapping
from typing import Any

from hass_client import HomeAssistantClient, HomeAssistantError

DOMAIN = "onewire_own"
MAX_STEPS = 8  # a flow that asks more than this is looping


async def walk_config_flow(
    client: HomeAssistantClient, menu_choice: str, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """Start the flow, pick menu_choice, answer every form; return the final result."""
    result = await client.start_config_flow(DOMAIN)
    for _ in range(MAX_STEPS):
        match result["type"]:
            case "menu":
                if menu_choice not in result["menu_options"]:
                    raise HomeAssistantError(
                        f"menu {result['step_id']} has no {menu_choice}: {result['menu_options']}"
                    )
                result = await client.config_flow_step(
                    result["flow_id"], {"next_step_id": menu_choice}
                )
            case "form":
                if result.get("errors"):
                    raise HomeAssistantError(
                        f"step {result['step_id']} refused the answers: {result['errors']}"
                    )
                fields = [field["name"] for field in result.get("data_schema", [])]
                data = {name: answers[name] for name in fields if name in answers}
                result = await client.config_flow_step(result["flow_id"], data)
                if result["type"] == "form" and result.get("errors"):
                    raise HomeAssistantError(
                        f"step {result['step_id']} refused {data}: {result['errors']}"
                    )
            case "create_entry":
                return result
            case _:
                raise HomeAssistantError(
                    f"flow ended with {result['type']}: {result.get('reason')}"
                )
    raise HomeAssistantError(f"flow did not finish in {MAX_STEPS} steps")


async def add_owserver(client: HomeAssistantClient, port: int) -> dict[str, Any]:
    """Add the owserver on 127.0.0.1:port; returns the created entry."""
    result = await walk_config_flow(
        client, "owserver", {"host": "127.0.0.1", "port": port}
    )
    entry: dict[str, Any] = result["result"]
    return entry


async def add_gateway(
    client: HomeAssistantClient, port: int, password: str
) -> dict[str, Any]:
    """Add the OpenWebNet gateway on 127.0.0.1:port; returns the created entry."""
    answers = {"host": "127.0.0.1", "port": port, "password": password}
    result = await walk_config_flow(client, "openwebnet", answers)
    entry: dict[str, Any] = result["result"]
    return entry
