"""Run an item command from an entity or action, with errors users can read."""

from collections.abc import Awaitable

from homeassistant.exceptions import HomeAssistantError

from ..const import DOMAIN
from ..openwebnet import OpenWebNetError


async def gateway_command[T](command: Awaitable[T], what: str = "") -> T:
    """Await command; a refused or undeliverable frame becomes a HomeAssistantError.

    The entity's state is not changed here: the gateway echoes every command
    that it carried out on the event session, and the echo updates the item.
    """
    try:
        return await command
    except OpenWebNetError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_failed",
            translation_placeholders={
                "frame": what or "the command",
                "error": str(err),
            },
        ) from err
