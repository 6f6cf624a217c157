"""Every screen of the integration in a real browser, in English and in Italian.

Starts the ``script/e2e`` stack (a real Home Assistant, ``owserver --fake``
and the OpenWebNet gateway simulator on free ports), creates the owner
account through the onboarding API, then, in headless Chromium, logs in on
the login page and walks, in each language:

- Settings > Devices & services > Add integration > search > the integration,
  then both config flows (the 1-Wire owserver and the MyHOME gateway) through
  their menu and forms, typing the peers' addresses;
- both options flows from the entries' Configure buttons: every option of
  the gateway's menu (connection, a lighting point, a light group and its
  members, a shutter, the burglar alarm, the pushbutton locks), and the
  owserver's settings with the options of two of its devices (a thermometer
  and an input);
- a 1-Wire and a MyHOME device page;
- the gateway's reauth: the simulated gateway gets a new password and
  restarts, Home Assistant opens the reauth flow by itself, and the user
  opens it from its card on Devices & services, types the new password and
  sees the entry loaded again;
- a repair: a MyHOME app holds the gateway's only command session while the
  entry starts, the integration raises its "no free session" issue, the user
  reads it under Settings > System > Repairs, closes the app, and the issue
  goes away by itself.

Every kind of field the flows use is entered as a person enters it (see
ui_browser.Frontend.fill_form and ui_forms.plan_answers): numbers and texts
typed, switches and check boxes ticked, radio buttons and dropdown entries
clicked, pickers searched, and a custom value (a light group's number, a
point's address) typed and confirmed; the form's data is then read back. A
part that fails leaves its screenshot, and the walk closes the dialog, drops
any flow left in progress and reloads Devices & services before the next
part, so that one failure does not fail every part after it.

For another language than English the owner's language is changed on the
profile page and Home Assistant's own language through its API (as an
installation set up in that language has it, so that device and entity names
are created in it), and the entries are removed and added again.

Each screen fails the check when it shows a raw translation key, a
``[%key:...%]`` reference, an unfilled ``{placeholder}``, an English text of
the integration in another language, or lacks a text its translation file
has for it (the step title, description, field labels, an issue's title and
description...); a step that does
not complete, an error the browser logs about the integration, or an error
the integration logs in Home Assistant fail it too. Every screen is saved
under docs/screens/<language>-<nn>-<name>.png.

Run: script/ui_check [--language it] [--screens DIR] [--keep], after
WITH_CHROMIUM=1 script/setup (``UI_CHECK=1 script/test`` runs it too).
"""

import argparse
import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
import contextlib
from dataclasses import dataclass, field
from functools import partial
import importlib.util
import json
from pathlib import Path
import re
import shutil
import signal
import sys
import tempfile
import time
from typing import Any

from devstack import GATEWAY_PASSWORD, Ports, Stack
from hass_client import HomeAssistantClient
from homeassistant.exceptions import HomeAssistantError
from playwright.async_api import Error as PlaywrightError
from repo import DOMAIN, ROOT
from ui_browser import BrowserEvent, Frontend, Screens, UiError, chromium_page
from ui_forms import Answers
from ui_texts import (
    Expected,
    defects,
    english_leftovers,
    fill,
    issue_texts,
    language_patterns,
    load_translations,
    missing_texts,
    step_texts,
)

from custom_components.onewire_own.openwebnet.errors import OpenWebNetError
from custom_components.onewire_own.openwebnet.frames import parse_frame
from custom_components.onewire_own.openwebnet.session import (
    Session,
    SessionSettings,
    SessionType,
    open_session,
)

SCREENS = ROOT / "docs" / "screens"
MANIFEST = ROOT / "custom_components" / DOMAIN / "manifest.json"
LANGUAGE_NAMES = {  # as the frontend's language picker lists them
    "en": "English",
    "it": "Italiano",
    "fr": "Français",
    "de": "Deutsch",
    "nl": "Nederlands",
    "es": "Español",
}
UI_USER = "ui"
UI_PASSWORD = "ui-check-password"  # noqa: S105 (a throw-away instance on a free port)
START_TIMEOUT = 180.0
MAX_STEPS = 10  # a flow that asks more than this is looping
HASS_LOG_ERROR = re.compile(r"\b(ERROR|CRITICAL)\b")
#: The gateway's password after its owner changed it (each language changes
#: it back and forth: the next language's config flow types the current one).
NEW_GATEWAY_PASSWORD = "54321"  # noqa: S105 (the simulated gateway's)
REBOOT_DOWNTIME = 1.0  # s: the gateway restarts, and every client logs in again
REAUTH_TIMEOUT = 120.0  # s until Home Assistant opens the reauth flow
ENTRY_TIMEOUT = 120.0  # s for an entry to (re)load, setup retries included
ISSUE_TIMEOUT = 60.0  # s for a repair issue to be raised
SESSIONS_ISSUE = "gateway_sessions_exhausted"
APP_REQUEST = "*#13**15##"  # what a MyHOME app asks now and then: the model
APP_REQUEST_EVERY = 10.0  # s: a command session idle for 30 s is closed (MH200N)


def by_family(*families: str) -> Callable[[list[str]], list[str]]:
    """The first 1-Wire device of each family among a field's options (``28.4AEC...``).

    The first device at all when none of a family is there.
    """

    def choose(options: list[str]) -> list[str]:
        chosen = [
            next((o for o in options if o.startswith(f"{family}.")), None)
            for family in families
        ]
        found = [option for option in chosen if option is not None]
        return found or options[:1]

    return choose


def first_or(typed: str) -> Callable[[list[str]], str]:
    """The field's first option, or typed when it offers none (a custom value)."""
    return lambda options: options[0] if options else typed


# What the walk answers in the options flows, by step and field, beyond what
# it takes from the fields themselves (ui_forms.plan_answers): values that
# make each kind of field be entered, as a person would set them up.
OWSERVER_OPTIONS: Mapping[str, Answers] = {
    # A thermometer (it has a resolution) and an input (it can be inverted).
    "owserver": {"devices": by_family("28", "29")},
    "device_options": {"poll_interval": 60, "precision": "11", "inverted": True},
}
GATEWAY_OPTIONS: Mapping[str, Answers] = {
    "gateway_connection": {"keepalive_s": 60},
    "gateway_light_options": {"as": "dimmer"},
    # No group is heard on the sample bus: its number is typed (1-255).
    "gateway_light_group": {"group": first_or("1")},
    "gateway_light_group_members": {"members": lambda options: options[:2]},
    "gateway_shutter_options": {"travel_time_s": 25.5},
    # The example of the step's description: aux 4 on arms, off disarms, 5 on arms home.
    "gateway_alarm": {
        "arm_away_aux": 4,
        "arm_home_aux": 5,
        "disarm_aux": 4,
        "code": "12345",
    },
    # A point of the bus, and one typed by its address.
    "gateway_locks": {"actuator_locks": lambda options: [*options[:1], "15"]},
}


@contextlib.asynccontextmanager
async def an_app_holds_a_command_session(
    settings: SessionSettings,
) -> AsyncIterator[None]:
    """Another client of the gateway (a MyHOME app) holds a command session.

    It asks the gateway something now and then, as an app in use does, so
    that the gateway does not close its session as idle.
    """
    try:
        session = await open_session(settings, SessionType.CommandSession)
    except OpenWebNetError as err:
        raise UiError(f"the app could not open a command session: {err}") from err

    async def keep_busy(session: Session) -> None:
        while True:
            await asyncio.sleep(APP_REQUEST_EVERY)
            await session.request(parse_frame(APP_REQUEST), timeout=5.0)

    busy = asyncio.create_task(keep_busy(session))
    try:
        yield
    finally:
        busy.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await busy
        await session.close()


async def soon[T](
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool],
    timeout: float,
    what: str,
) -> T:
    """probe() once accept() takes it; UiError naming what after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not accept(result := await probe()):
        if time.monotonic() > deadline:
            raise UiError(f"{what} within {timeout:.0f} s (last seen: {result!r:.200})")
        await asyncio.sleep(1.0)
    return result


@dataclass
class Outcome:
    """One named part of the walk and what went wrong in it."""

    name: str
    problems: list[str] = field(default_factory=list)
    detail: str = ""
    texts_found: int = 0  # texts of the language's file found on its screens

    @property
    def passed(self) -> bool:
        """Whether nothing went wrong."""
        return not self.problems


@dataclass
class Entry:
    """A config entry the walk created, and its title as the UI shows it."""

    entry_id: str
    title: str


class UiCheck:
    """The walk through every screen, in one language after the other."""

    def __init__(
        self, stack: Stack, client: HomeAssistantClient, frontend: Frontend
    ) -> None:
        """Walk stack's Home Assistant with frontend; client sets things up."""
        self.stack = stack
        self.client = client
        self.frontend = frontend
        self.english = load_translations("en")
        self.language = "en"
        self.strings: dict[str, Any] = self.english
        self.leftovers: list[tuple[str, re.Pattern[str]]] = []
        self.outcomes: list[Outcome] = []
        self.integration_name = json.loads(MANIFEST.read_text())["name"]
        self.logged_in = False
        self.gateway_password = GATEWAY_PASSWORD  # its owner changes it (reauth)

    # ----------------------------------------------------------- running
    async def run(
        self, name: str, part: Callable[[Outcome], Awaitable[None]]
    ) -> Outcome:
        """Run one part of the walk; a part that raises fails with the reason."""
        outcome = Outcome(f"{self.language}: {name}")
        began = time.monotonic()
        try:
            await part(outcome)
        except (
            UiError,
            PlaywrightError,
            TimeoutError,
            RuntimeError,
            HomeAssistantError,
        ) as err:
            outcome.problems.append(f"{type(err).__name__}: {str(err).splitlines()[0]}")
            await self.recover(name)
        if outcome.texts_found:
            found = f"{outcome.texts_found} texts of {self.language}.json shown"
            outcome.detail = "; ".join(filter(None, [outcome.detail, found]))
        outcome.detail = f"{outcome.detail} ({time.monotonic() - began:.1f} s)".strip()
        self.outcomes.append(outcome)
        status = "PASS" if outcome.passed else "FAIL"
        print(f"{status} {outcome.name}: {outcome.detail}", flush=True)
        for problem in outcome.problems:
            print(f"     - {problem}", flush=True)
        return outcome

    async def recover(self, name: str) -> None:
        """After a failed part: its screen, then a clean page and no flow left over.

        So that one failing step does not fail every part after it.
        """
        shot = "failed-" + re.sub(r"\W+", "-", name).strip("-").lower()
        with contextlib.suppress(PlaywrightError):
            await self.frontend.shoot(shot)
        try:
            await self.frontend.recover()
        except PlaywrightError as err:
            print(f"[ui_check] could not recover after {name}: {err}", flush=True)
        with contextlib.suppress(HomeAssistantError):
            for flow in await self.client.ws("config_entries/flow/progress"):
                if flow.get("handler") == DOMAIN:
                    await self.client.request(
                        "DELETE", f"/api/config/config_entries/flow/{flow['flow_id']}"
                    )

    async def look(
        self, outcome: Outcome, name: str, expected: Sequence[Expected] = ()
    ) -> None:
        """Read the screen, note what is wrong with it, and screenshot it."""
        shown = await self.frontend.shown_texts()
        outcome.problems.extend(f"{name}: {p}" for p in defects(shown, self.leftovers))
        missing = missing_texts(expected, shown)
        outcome.problems.extend(f"{name}: {p}" for p in missing)
        outcome.texts_found += len(expected) - len(missing)
        await self.frontend.shoot(name)

    # ---------------------------------------------------------- languages
    async def walk_language(self, language: str) -> None:
        """Every screen in one language."""
        self.language = language
        self.strings = self.english if language == "en" else load_translations(language)
        self.leftovers = (
            [] if language == "en" else english_leftovers(self.english, self.strings)
        )
        self.frontend.screens.start(language)
        if not self.logged_in:  # the owner's language is English until changed
            await self.run("log in on the login page", self._log_in)
        if language != "en":
            await self.run(
                f"switch to {LANGUAGE_NAMES[language]}", self._switch_language
            )
        await self.run("Settings > Devices & services", self._devices_and_services)
        owserver = await self._add(
            "1-Wire config flow", "owserver", self._owserver_answers()
        )
        gateway = await self._add(
            "MyHOME config flow", "openwebnet", self._gateway_answers()
        )
        if owserver is not None:
            await self._every_option(
                "1-Wire options flow", owserver, "owserver", OWSERVER_OPTIONS
            )
        if gateway is not None:
            await self._every_option(
                "MyHOME options flow", gateway, "gateway", GATEWAY_OPTIONS
            )
        for entry, label in ((owserver, "1-wire"), (gateway, "myhome")):
            if entry is not None:
                await self.run(
                    f"{label} device page",
                    partial(self._device_page, entry=entry, label=label),
                )
        if gateway is not None:
            await self.run("MyHOME reauth", partial(self._reauth, entry=gateway))
            await self.run(
                "Repairs: a gateway with no free session",
                partial(self._sessions_repair, entry=gateway),
            )
        for entry in (owserver, gateway):
            if entry is not None:  # the next language adds them again
                await self.client.request(
                    "DELETE", f"/api/config/config_entries/entry/{entry.entry_id}"
                )

    async def _log_in(self, outcome: Outcome) -> None:
        await self.frontend.login(UI_USER, UI_PASSWORD)
        self.logged_in = True
        outcome.detail = f"as {UI_USER}"

    async def _switch_language(self, outcome: Outcome) -> None:
        # Home Assistant's language names devices and entities when they are created.
        await self.client.ws("config/core/update", language=self.language)
        await self.frontend.set_profile_language(
            LANGUAGE_NAMES[self.language], self.language
        )
        await self.look(outcome, "profile-language")
        outcome.detail = "profile language and Home Assistant language"

    async def _devices_and_services(self, outcome: Outcome) -> None:
        await self.frontend.open_devices_and_services()
        await self.look(outcome, "devices-and-services")

    def _owserver_answers(self) -> dict[str, Answers]:
        return {"owserver": {"host": "127.0.0.1", "port": self.stack.ports.owserver}}

    def _gateway_answers(self) -> dict[str, Answers]:
        return {
            "openwebnet": {
                "host": "127.0.0.1",
                "port": self.stack.ports.gateway,
                "password": self.gateway_password,
            }
        }

    # -------------------------------------------------------------- flows
    async def _add(
        self, name: str, choice: str, answers: Mapping[str, Answers]
    ) -> Entry | None:
        """Add integration > the integration > choice; None when no entry was made."""
        created: list[Entry] = []

        async def part(outcome: Outcome) -> None:
            await self.frontend.open_devices_and_services()
            await self.frontend.add_integration(DOMAIN, self.integration_name)
            step = await self.walk_flow(outcome, "config", choice, choice, answers)
            result = step.get("result") or {}
            created.append(
                Entry(result["entry_id"], result.get("title") or step["title"])
            )
            outcome.detail = f"created {created[0].title!r}"

        await self.run(name, part)
        return created[0] if created else None

    async def walk_flow(
        self,
        outcome: Outcome,
        kind: str,
        label: str,
        choice: str | None,
        answers: Mapping[str, Answers],
        menu: list[str] | None = None,
        success: str | None = None,
    ) -> dict[str, Any]:
        """Walk the open flow dialog to its end; return its last step.

        choice is the option to take in a menu (None: the first); the first
        menu's options are added to menu when it is given; answers are the
        walk's, by step id (``ui_forms.plan_answers`` takes the rest from
        the fields). A flow that ends by aborting with reason success
        (``reauth_successful``) succeeded; any other abort fails.
        """
        step = await self.frontend.flow_step()
        walked: list[str] = []
        for _ in range(MAX_STEPS):
            if step is None:
                raise UiError(f"the dialog closed after {' > '.join(walked)}")
            expected, untranslated = step_texts(self.strings, self.english, kind, step)
            outcome.problems.extend(untranslated)
            step_id = str(step.get("step_id", ""))
            walked.append(step_id or str(step["type"]))
            shot = f"{kind}-{step_id}".replace("_", "-")
            if (seen := walked.count(walked[-1])) > 1:  # a step per device: each one
                shot = f"{shot}-{seen}"
            match step["type"]:
                case "menu":
                    await self.look(outcome, shot, expected)
                    if menu is not None and not menu:
                        menu.extend(step["menu_options"])
                    option = choice or step["menu_options"][0]
                    step = await self.frontend.choose_menu_option(step, option)
                case "form":
                    if step.get("errors"):
                        await self.look(outcome, f"{shot}-error", expected)
                        raise UiError(
                            f"{step_id} refused the answers: {step['errors']}"
                        )
                    await self.frontend.fill_form(step, answers.get(step_id, {}))
                    await self.look(outcome, shot, expected)
                    step = await self.frontend.press_primary(step)
                case "create_entry":
                    done = "added" if kind == "config" else "options-saved"
                    await self.look(outcome, f"{label}-{done}", expected)
                    await self.frontend.press_primary(step)
                    outcome.detail = " > ".join(walked)
                    return step
                case "abort" if success and step.get("reason") == success:
                    await self.look(
                        outcome, f"{label}-{success}".replace("_", "-"), expected
                    )
                    await self.frontend.press_primary(step)
                    outcome.detail = " > ".join(walked)
                    return step
                case "abort":
                    await self.look(outcome, f"{label}-aborted", expected)
                    await self.frontend.press_primary(step)
                    raise UiError(f"the flow aborted: {step.get('reason')}")
                case other:
                    raise UiError(f"unexpected {other} step {step_id}")
        raise UiError(
            f"the flow did not end in {MAX_STEPS} steps: {' > '.join(walked)}"
        )

    async def _options(
        self,
        outcome: Outcome,
        *,
        entry: Entry,
        label: str,
        choice: str | None,
        menu: list[str],
        answers: Mapping[str, Answers],
    ) -> None:
        """Open entry's options (Configure) and walk them, taking choice in its menu."""
        await self.frontend.open_devices_and_services()
        await self.frontend.open_integration_page(DOMAIN)
        await self.frontend.open_options(entry.title)
        await self.walk_flow(outcome, "options", label, choice, answers, menu)

    async def _every_option(
        self, name: str, entry: Entry, label: str, answers: Mapping[str, Answers]
    ) -> None:
        """The options flow once per option of its first menu (once if it has none)."""
        menu: list[str] = []
        walk = partial(self._options, entry=entry, label=label, answers=answers)
        await self.run(name, partial(walk, choice=None, menu=menu))
        for option in menu[1:]:
            await self.run(f"{name} ({option})", partial(walk, choice=option, menu=[]))

    # -------------------------------------------------------- device pages
    async def _device_page(self, outcome: Outcome, entry: Entry, label: str) -> None:
        device = await self._pick_device(entry)
        await self.frontend.open_devices_and_services()
        await self.frontend.open_integration_page(DOMAIN)
        await self.frontend.open_device(DOMAIN, device)
        await self.look(outcome, f"device-{label}")
        shown = await self.frontend.shown_texts()
        patterns = language_patterns(self.strings, "device") + language_patterns(
            self.strings, "entity"
        )
        ours = sorted(
            {key for text in shown for key, p in patterns if p.fullmatch(text.strip())}
        )
        if not ours:
            outcome.problems.append(
                f"no device or entity name of {self.language}.json on {device}'s page"
            )
        outcome.detail = f"{device!r}: {len(ours)} of our names ({', '.join(ours[:4])})"

    async def _pick_device(self, entry: Entry) -> str:
        """The entry's device whose page shows most of our translated names.

        Entities disabled by default are not listed on a device page, so only
        enabled ones with a translation key count.
        """
        devices = await self.client.ws("config/device_registry/list")
        entities = await self.client.ws("config/entity_registry/list")
        counts: dict[str, int] = {}
        for entity in entities:
            if (
                entity.get("config_entry_id") == entry.entry_id
                and entity.get("translation_key")
                and entity.get("disabled_by") is None
            ):
                counts[entity["device_id"]] = counts.get(entity["device_id"], 0) + 1
        children = [
            d
            for d in devices
            if entry.entry_id in d["config_entries"] and d.get("via_device_id")
        ]
        if not children:
            raise UiError(f"{entry.title} has no device behind it")
        best = max(
            children,
            key=lambda d: (counts.get(d["id"], 0), d.get("name_by_user") or d["name"]),
        )
        name: str = best.get("name_by_user") or best["name"]
        return name

    # ------------------------------------------------- reauth and repairs
    async def _entry_state(self, entry: Entry, wanted: str, timeout: float) -> None:
        """Wait until the entry is in the wanted state (loaded, setup_retry...)."""

        async def state() -> str:
            entries = await self.client.config_entries(DOMAIN)
            return str(
                next(e["state"] for e in entries if e["entry_id"] == entry.entry_id)
            )

        await soon(state, lambda s: s == wanted, timeout, f"{entry.title} not {wanted}")

    async def _reauth(self, outcome: Outcome, entry: Entry) -> None:
        """The gateway's owner changes its password; the user types the new one.

        The simulated gateway takes a new password and restarts: the entry's
        reconnect is refused, and Home Assistant opens the reauth flow by
        itself. The user finds it on Devices & services (the integration's
        card in red, "Reconfigure"), types the new password, and the entry
        loads again.
        """
        sim = self.stack.gateway
        if sim is None:
            raise UiError("the stack runs no gateway simulator")
        new = (
            NEW_GATEWAY_PASSWORD
            if self.gateway_password != NEW_GATEWAY_PASSWORD
            else GATEWAY_PASSWORD
        )
        began = time.monotonic()
        sim.change_password(new)
        self.gateway_password = new  # what the next language's config flow types
        await sim.reboot(REBOOT_DOWNTIME)
        await soon(
            partial(self.client.flow_in_progress, DOMAIN, "reauth", entry.entry_id),
            lambda flow: flow is not None,
            REAUTH_TIMEOUT,
            "no reauth flow after the gateway's password changed",
        )
        opened = time.monotonic() - began
        await self.frontend.open_devices_and_services()
        card = await self.frontend.attention_card(DOMAIN, "reauth")
        # The card is titled config.flow_title, filled with the entry's title.
        title = fill(self.strings["config"]["flow_title"], {"name": entry.title})
        await self.look(outcome, "reauth-card", [Expected("config.flow_title", title)])
        await self.frontend.continue_flow(card)
        await self.walk_flow(
            outcome,
            "config",
            "openwebnet",
            None,
            {"reauth_gateway": {"password": new}},
            success="reauth_successful",
        )
        await self._entry_state(entry, "loaded", ENTRY_TIMEOUT)
        await self.frontend.open_devices_and_services()
        await self.frontend.open_integration_page(DOMAIN)
        await self.look(outcome, "reauth-loaded")
        outcome.detail = (
            f"reauth flow opened {opened:.0f} s after the password changed; "
            f"{outcome.detail}; entry loaded"
        )

    async def _sessions_repair(self, outcome: Outcome, entry: Entry) -> None:
        """A MyHOME app holds the gateway's only command session: the repair issue.

        The entry restarts (disabled and enabled again, as a restart of Home
        Assistant restarts it) while another client, a MyHOME app, holds the
        command session of the MH200N the stack simulates. The gateway leaves
        the entry's session unanswered, and the integration raises its
        ``gateway_sessions_exhausted`` issue. The user opens Settings > System
        > Repairs and the issue (it has no fix flow: its text says what to
        do); then closes the app, and the issue goes away by itself when the
        entry's setup is retried.
        """
        sim = self.stack.gateway
        if sim is None:
            raise UiError("the stack runs no gateway simulator")
        issue_id = f"{SESSIONS_ISSUE}_{entry.entry_id}"
        settings = SessionSettings(
            host="127.0.0.1", port=sim.port, password=self.gateway_password
        )
        disable = partial(
            self.client.ws, "config_entries/disable", entry_id=entry.entry_id
        )
        await disable(disabled_by="user")
        async with an_app_holds_a_command_session(settings):
            await disable(disabled_by=None)
            issue = await soon(
                partial(self.client.issue, DOMAIN, issue_id),
                lambda issue: issue is not None,
                ISSUE_TIMEOUT,
                f"no {SESSIONS_ISSUE} issue while an app holds the session",
            )
            assert issue is not None
            expected, untranslated = issue_texts(self.strings, self.english, issue)
            outcome.problems.extend(untranslated)
            await self.frontend.open_repairs()
            await self.look(outcome, "repairs", expected[:1])  # the list: its title
            await self.frontend.open_repair(DOMAIN, issue_id)
            await self.look(outcome, "repair-gateway-sessions-exhausted", expected)
            await self.frontend.close_repair()
        await soon(
            partial(self.client.issue, DOMAIN, issue_id),
            lambda issue: issue is None,
            ENTRY_TIMEOUT,
            f"the {SESSIONS_ISSUE} issue still there after the app closed",
        )
        await self._entry_state(entry, "loaded", ENTRY_TIMEOUT)
        await self.frontend.open_repairs()
        if await self.frontend.repair_shown(DOMAIN, issue_id):
            outcome.problems.append("Repairs still lists the issue once it is gone")
        await self.look(outcome, "repairs-resolved")
        placeholders = issue.get("translation_placeholders") or {}
        outcome.detail = (
            f"{placeholders.get('granted')} of {placeholders.get('asked')} sessions "
            "while an app held one; gone and entry loaded once it closed"
        )

    # ----------------------------------------------------------- afterwards
    def browser_errors(self) -> Outcome:
        """Errors the browser logged about the integration (others are listed apart)."""
        ours = [e for e in self.frontend.events if _about_integration(e)]
        others = [e for e in self.frontend.events if not _about_integration(e)]
        return Outcome(
            "browser: no error about the integration",
            [f"{e.screen}: {e.kind}: {e.text[:200]} {e.url}".strip() for e in ours],
            f"{len(others)} other browser messages ignored ({_summary(others)})",
        )

    def hass_log_errors(self) -> Outcome:
        """Errors Home Assistant logged about the integration."""
        log = self.stack.hass.log_path
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        ours = [
            line for line in lines if HASS_LOG_ERROR.search(line) and DOMAIN in line
        ]
        return Outcome(
            "Home Assistant log: no error from or about the integration",
            [line[:300] for line in ours],
            f"{len(lines)} log lines read",
        )


def _about_integration(event: BrowserEvent) -> bool:
    """Whether a browser message concerns the integration (its flows, texts, icons)."""
    text = f"{event.text} {event.url}"
    return DOMAIN in text or "/api/config/config_entries/" in event.url


def _summary(events: list[BrowserEvent]) -> str:
    """Counts of the ignored messages, and the distinct texts of the unusual ones."""
    brand_icons = [e for e in events if "/api/brands/" in e.url]
    rest = [e for e in events if e not in brand_icons]
    parts = [
        f"{len(brand_icons)} about other integrations' brand icons (no Internet here)"
    ]
    texts = dict.fromkeys(f"{e.kind} on {e.screen}: {e.text[:100]!r}" for e in rest)
    parts.extend(list(texts)[:5])
    return "; ".join(parts)


def print_report(outcomes: list[Outcome], began: float, screens: Screens) -> int:
    """The summary line; 1 when anything failed."""
    failed = [o for o in outcomes if not o.passed]
    size = sum(p.stat().st_size for p in screens.written if p.exists())
    print(
        f"[ui_check] {len(outcomes) - len(failed)} passed, {len(failed)} failed "
        f"in {time.monotonic() - began:.0f} s; {len(screens.written)} screenshots "
        f"({size / 1024:.0f} KiB) in {screens.folder}/",
        flush=True,
    )
    return 1 if failed or not outcomes else 0


async def main_async(args: argparse.Namespace) -> int:
    """Run the stack, the browser and the walk; always tear everything down."""
    began = time.monotonic()
    config_dir = Path(tempfile.mkdtemp(prefix="onewire_own-ui-"))
    ports = Ports.free()
    skip_pip = importlib.util.find_spec("hass_frontend") is not None
    stack = Stack(
        config_dir,
        ports,
        minimal=True,
        skip_pip=skip_pip,
        log=lambda t: print(f"[ui_check] {t}", flush=True),
    )
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    outcomes: list[Outcome] = []
    screens = Screens(args.screens.resolve())
    try:
        async with (
            stack,
            HomeAssistantClient(f"http://127.0.0.1:{ports.hass}") as client,
            chromium_page() as page,
        ):
            await client.wait_until_up(
                START_TIMEOUT, lambda: stack.hass.exit_code is None
            )
            await client.onboard(UI_USER, UI_PASSWORD)
            print(f"[ui_check] Home Assistant up in {time.monotonic() - began:.0f} s")
            frontend = Frontend(page, f"http://127.0.0.1:{ports.hass}", screens)
            check = UiCheck(stack, client, frontend)
            for language in args.languages:
                started = time.monotonic()
                await check.walk_language(language)
                print(
                    f"[ui_check] {language}: {time.monotonic() - started:.0f} s",
                    flush=True,
                )
            for outcome in (check.browser_errors(), check.hass_log_errors()):
                check.outcomes.append(outcome)
                print(
                    f"{'PASS' if outcome.passed else 'FAIL'} {outcome.name}: {outcome.detail}"
                )
                for problem in outcome.problems:
                    print(f"     - {problem}")
            outcomes = check.outcomes
    finally:
        if args.keep:
            print(f"[ui_check] kept {config_dir}")
        else:
            shutil.rmtree(config_dir, ignore_errors=True)
    return print_report(outcomes, began, screens)


def main() -> int:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--language",
        dest="languages",
        action="append",
        choices=sorted(LANGUAGE_NAMES),
        help="walk only these languages (repeatable; default: en and it)",
    )
    parser.add_argument(
        "--screens",
        type=Path,
        default=SCREENS,
        help=f"where the screenshots go (default: {SCREENS.relative_to(ROOT)}/)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary config dir and its log"
    )
    args = parser.parse_args()
    args.languages = args.languages or ["en", "it"]
    if "en" in args.languages:  # the owner starts in English: walk it first
        args.languages = ["en", *[lang for lang in args.languages if lang != "en"]]
    try:
        return asyncio.run(main_async(args))
    except KeyboardInterrupt:
        print("[ui_check] interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
