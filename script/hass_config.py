"""A Home Assistant config dir that loads this integration, on a chosen port."""

import json
from pathlib import Path

from homeassistant.components.http import config as http_config
from homeassistant.util import dt as dt_util
from repo import DOMAIN, ROOT

MINIMAL_CONFIGURATION = """\
# Written by script/e2e: only what the HTTP API and the integration need.
# (The HTTP server's address lives in .storage/http, written by hass_config.py.)
onboarding:
config:
api:
websocket_api:
logger: !include logger.yaml
"""
DEVELOP_CONFIGURATION = """\
# Written by the first run of script/develop; edit freely, it is not rewritten.
# logger.yaml is rewritten on every run; the HTTP server's address lives in
# .storage/http (Home Assistant keeps it there since 2026.10; hass_config.py sets it).
default_config:
logger: !include logger.yaml
"""


def write_config(config_dir: Path, hass_port: int, *, minimal: bool) -> None:
    """Create or refresh a Home Assistant config dir that loads this integration.

    configuration.yaml is written only once (a developer may edit it); the
    port and logging includes are rewritten every time so that a
    ``--port-offset`` run and a plain run can share one config dir.
    """
    config_dir.mkdir(parents=True, exist_ok=True)
    configuration = config_dir / "configuration.yaml"
    if not configuration.exists():
        configuration.write_text(
            MINIMAL_CONFIGURATION if minimal else DEVELOP_CONFIGURATION
        )
    write_http_store(config_dir, hass_port)
    (config_dir / "logger.yaml").write_text(
        f"default: {'warning' if minimal else 'info'}\n"
        f"logs:\n  custom_components.{DOMAIN}: debug\n"
        "  homeassistant.setup: info\n"
    )
    link = config_dir / "custom_components" / DOMAIN
    link.parent.mkdir(exist_ok=True)
    target = ROOT / "custom_components" / DOMAIN
    if not link.is_symlink() or link.resolve() != target:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target, target_is_directory=True)


def write_http_store(config_dir: Path, port: int) -> None:
    """Make Home Assistant listen on 127.0.0.1:port, confirmed, from the first start.

    Since 2026.10 Home Assistant keeps its HTTP settings in ``.storage/http``:
    YAML settings are migrated once into a *pending* trial that the UI must
    confirm within five minutes or they are reverted, and YAML is ignored
    afterwards. A development stack that changes ports between runs sets the
    confirmed (stable) slot directly instead, keeping any other setting.
    """
    store = config_dir / ".storage" / http_config.STORAGE_KEY
    if store.exists():
        data = json.loads(store.read_text())["data"]
    else:
        stable = {
            **http_config.HTTP_STORAGE_SCHEMA({}),
            "created_at": dt_util.utcnow().isoformat(),
        }
        data = {"stable": {**stable, "error": None, "error_message": None}}
    data["stable"].update(server_port=port, server_host=["127.0.0.1"])
    data.update(pending=None, yaml_migration_done=True)
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(
        json.dumps(
            {
                "version": http_config.STORAGE_VERSION,
                "minor_version": http_config.STORAGE_MINOR_VERSION,
                "key": http_config.STORAGE_KEY,
                "data": data,
            },
            indent=2,
        )
    )
