"""script/hass_config.py prepares a Home Assistant config dir that loads this integration.

Home Assistant 2026.10 keeps its HTTP address in ``.storage/http`` and turns
YAML settings into a trial the UI must confirm; the stack writes the
confirmed slot instead, so these tests pin what that file must contain.
"""

import json
from pathlib import Path
from typing import Any

from homeassistant.components.http.config import HTTP_STORAGE_SCHEMA, STORAGE_VERSION

from .loader import load_script

ROOT = Path(__file__).resolve().parents[2]


hass_config = load_script("hass_config")
stack_ports = load_script("stack_ports")


def http_store(config_dir: Path) -> Any:
    return json.loads((config_dir / ".storage" / "http").read_text())


def test_a_new_config_dir_loads_the_integration_on_the_given_port(
    tmp_path: Path,
) -> None:
    hass_config.write_config(tmp_path, 18123, minimal=True)

    assert "onboarding:" in (tmp_path / "configuration.yaml").read_text()
    assert "http:" not in (tmp_path / "configuration.yaml").read_text()
    link = tmp_path / "custom_components" / "onewire_own"
    assert link.resolve() == ROOT / "custom_components" / "onewire_own"
    store = http_store(tmp_path)
    assert store["version"] == STORAGE_VERSION
    assert store["data"]["stable"]["server_port"] == 18123
    assert store["data"]["stable"]["server_host"] == ["127.0.0.1"]
    assert store["data"]["pending"] is None
    HTTP_STORAGE_SCHEMA(
        {
            k: v
            for k, v in store["data"]["stable"].items()
            if k not in {"created_at", "error", "error_message"}
        }
    )


def test_a_second_run_keeps_the_users_configuration_and_moves_the_port(
    tmp_path: Path,
) -> None:
    hass_config.write_config(tmp_path, 8123, minimal=False)
    (tmp_path / "configuration.yaml").write_text("default_config:\nsun:\n")
    store = http_store(tmp_path)
    store["data"]["stable"]["ip_ban_enabled"] = False
    (tmp_path / ".storage" / "http").write_text(json.dumps(store))

    hass_config.write_config(tmp_path, 8130, minimal=False)

    assert (tmp_path / "configuration.yaml").read_text() == "default_config:\nsun:\n"
    stable = http_store(tmp_path)["data"]["stable"]
    assert stable["server_port"] == 8130
    assert stable["ip_ban_enabled"] is False


def test_default_ports_move_together(tmp_path: Path) -> None:
    assert stack_ports.Ports.defaults(offset=10) == stack_ports.Ports(8133, 4314, 20010)
