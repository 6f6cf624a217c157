"""The Home Assistant frontend in headless Chromium, driven as a person drives it.

Playwright (the ``playwright`` package of requirements_ui.txt) drives Debian's
``/usr/bin/chromium``: its own browser download is never used. The frontend
is a tree of web components with open shadow roots; Playwright's CSS
selectors pierce them, and the few scripts below walk them to read what is
shown. Every interaction is a click or key press on what a person sees,
located by structure (element names, links' targets, slots), never by
English text, so that the same walk works in every language.

The one private thing read is the flow dialog's current step (the
``_step`` property of ``dialog-data-entry-flow``, the flow API's answer it
renders): it tells which form is shown and which texts it must show.
"""

from collections.abc import AsyncIterator, Mapping
import contextlib
from dataclasses import dataclass
import io
import json
from pathlib import Path
import shutil
import tempfile
import time
from typing import Any

from PIL import Image
from playwright.async_api import (
    ConsoleMessage,
    Error as PlaywrightError,
    Locator,
    Page,
    Response,
    async_playwright,
)

CHROMIUM = "/usr/bin/chromium"
# Headless, and nothing that reaches out of this machine (closed network here).
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
VIEWPORT = {"width": 1280, "height": 800}
ACTION_TIMEOUT_MS = 15_000
STEP_TIMEOUT_S = 30.0
SETTLE_MS = 600  # dialogs animate in; the frontend loads panels lazily
FLOW_DIALOG = "dialog-data-entry-flow"
PRIMARY_BUTTON = f"{FLOW_DIALOG} ha-dialog-footer ha-button[slot=primaryAction]"
STEP_ELEMENTS = {
    "form": "step-flow-form",
    "menu": "step-flow-menu",
    "create_entry": "step-flow-create-entry",
    "abort": "step-flow-abort",
    "progress": "step-flow-progress",
}

# Every text a page shows: text nodes, labels and input values, through shadow roots.
SHOWN_TEXTS_JS = """
() => {
  const out = [];
  const attributes = ["label", "placeholder", "aria-label", "title", "heading"];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent.trim();
      if (text) out.push(text);
      return;
    }
    if (node.nodeType === Node.ELEMENT_NODE) {
      const tag = node.tagName;
      if (tag === "SCRIPT" || tag === "STYLE" || tag === "svg") return;
      for (const name of attributes) {
        const value = node.getAttribute(name);
        if (value && value.trim()) out.push(value.trim());
      }
      if ((tag === "INPUT" || tag === "TEXTAREA") && node.value) out.push(node.value);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  return out;
}
"""
_DEEP_FIND_JS = """
const deepFind = (root, tag) => {
  for (const el of root.querySelectorAll("*")) {
    if (el.tagName.toLowerCase() === tag) return el;
    if (el.shadowRoot) { const found = deepFind(el.shadowRoot, tag); if (found) return found; }
  }
  return null;
};
"""
# The step the flow dialog renders, or null when no flow dialog is open.
FLOW_STEP_JS = f"""
() => {{
  {_DEEP_FIND_JS}
  const dialog = deepFind(document, "{FLOW_DIALOG}");
  if (!dialog || !dialog._step) return null;
  return JSON.parse(JSON.stringify(dialog._step));
}}
"""
# Tag each field of the dialog's form with data-ui-field="<name>"; return the names.
MARK_FIELDS_JS = f"""
() => {{
  {_DEEP_FIND_JS}
  const dialog = deepFind(document, "{FLOW_DIALOG}");
  const form = dialog && deepFind(dialog.shadowRoot || dialog, "ha-form");
  if (!form) return [];
  const names = [];
  const walk = (root) => {{
    for (const el of root.querySelectorAll("*")) {{
      if (el.schema && el.schema.name && el.tagName !== "HA-FORM") {{
        el.setAttribute("data-ui-field", el.schema.name);
        names.push(el.schema.name);
      }}
      if (el.shadowRoot) walk(el.shadowRoot);
    }}
  }};
  walk(form.shadowRoot);
  return names;
}}
"""


class UiError(RuntimeError):
    """The frontend did not do what a person would have seen it do."""


@dataclass(frozen=True, slots=True)
class BrowserEvent:
    """A console message, page error or failed request, and the screen it happened on."""

    screen: str
    kind: str
    text: str
    url: str = ""


def step_signature(step: Mapping[str, Any] | None) -> str:
    """What tells one rendered step from the next (same step id, new errors count)."""
    if step is None:
        return "closed"
    return json.dumps(
        [
            step.get("flow_id"),
            step.get("type"),
            step.get("step_id"),
            step.get("errors"),
            step.get("description_placeholders"),
        ],
        sort_keys=True,
    )


class Screens:
    """Screenshots of every step: docs/screens/<language>-<nn>-<name>.png."""

    def __init__(self, folder: Path) -> None:
        """Write into folder."""
        self.folder = folder
        self.language = "en"
        self._count = 0
        self.written: list[Path] = []

    def start(self, language: str) -> None:
        """Number the next screenshots from 1, and forget old ones of that language."""
        self.language = language
        self._count = 0
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{language}-*.png"):
            old.unlink()

    async def take(self, page: Page, name: str) -> Path:
        """Capture the viewport as a small palette PNG."""
        self._count += 1
        path = self.folder / f"{self.language}-{self._count:02d}-{name}.png"
        image = Image.open(io.BytesIO(await page.screenshot(type="png")))
        image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE).save(
            path, optimize=True
        )
        self.written.append(path)
        return path


@contextlib.asynccontextmanager
async def chromium_page() -> AsyncIterator[Page]:
    """A page of a fresh headless Chromium (its own empty profile), closed on exit."""
    if not Path(CHROMIUM).exists():
        raise UiError(
            f"{CHROMIUM} is missing: WITH_CHROMIUM=1 script/setup installs it"
        )
    profile = Path(tempfile.mkdtemp(prefix="onewire_own-ui-"))
    try:
        async with async_playwright() as playwright:
            context = await playwright.chromium.launch_persistent_context(
                str(profile),
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_FLAGS,
                viewport=VIEWPORT,  # type: ignore[arg-type]
                locale="en-US",
            )
            try:
                page = context.pages[0] if context.pages else await context.new_page()
                page.set_default_timeout(ACTION_TIMEOUT_MS)
                yield page
            finally:
                await context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class Frontend:
    """One logged-in person in front of the Home Assistant frontend."""

    def __init__(self, page: Page, base_url: str, screens: Screens) -> None:
        """Drive page, which shows base_url; screenshots go to screens."""
        self.page = page
        self.base_url = base_url
        self.screens = screens
        self.screen = "start"  # what events are attributed to
        self.events: list[BrowserEvent] = []
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("response", self._on_response)

    # ------------------------------------------------------------ events
    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            url = message.location.get("url", "")
            self.events.append(
                BrowserEvent(self.screen, f"console {message.type}", message.text, url)
            )

    def _on_page_error(self, error: PlaywrightError) -> None:
        text = f"{error.name}: {error.message}\n{error.stack or ''}".strip()
        self.events.append(BrowserEvent(self.screen, "page error", text))

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.events.append(
                BrowserEvent(
                    self.screen,
                    f"HTTP {response.status}",
                    response.status_text,
                    response.url,
                )
            )

    # -------------------------------------------------------- reading
    async def shown_texts(self) -> list[str]:
        """Every text the page shows, shadow roots included."""
        texts: list[str] = await self.page.evaluate(SHOWN_TEXTS_JS)
        return texts

    async def shoot(self, name: str) -> Path:
        """Screenshot the page as it is now."""
        await self.page.wait_for_timeout(SETTLE_MS)
        return await self.screens.take(self.page, name)

    async def language(self) -> str:
        """The language the frontend shows (the lang attribute it sets)."""
        lang: str = await self.page.evaluate("document.documentElement.lang")
        return lang

    # ----------------------------------------------------- navigation
    async def login(self, username: str, password: str) -> None:
        """Open the frontend, fill the login form, and press its button."""
        self.screen = "login"
        await self.page.goto(self.base_url + "/")
        await self.page.locator("input[name=username]").click()
        await self.page.keyboard.type(username)
        await self.page.locator("input[name=password]").click()
        await self.page.keyboard.type(password)
        await self.shoot("login")
        await self.page.locator("ha-auth-flow form > div > ha-button").click()
        await self.page.locator("ha-sidebar").wait_for()

    async def open_sidebar_link(self, href: str) -> None:
        """Click the sidebar entry that leads to href."""
        await self.page.locator(f'ha-sidebar a[href="{href}"]').click()
        await self.page.wait_for_url(f"**{href}**")

    async def open_devices_and_services(self) -> None:
        """Settings, then Devices & services."""
        self.screen = "devices and services"
        await self.open_sidebar_link("/config")
        await self.page.locator('a[href="/config/integrations"]').first.click()
        await self.page.wait_for_url("**/config/integrations/dashboard**")
        await self.page.locator("ha-button[slot=fab]").wait_for()

    async def set_profile_language(self, native_name: str, code: str) -> None:
        """Profile, Localization, then the language picker: native_name."""
        self.screen = "profile language"
        await self.page.locator('ha-sidebar a[href="/profile"]').click()
        await self.page.locator('a[href="/profile/localization"]').click()
        picker = self.page.locator("ha-language-picker").first
        await picker.locator("ha-picker-field").click()
        # Typing before the search box has the focus would trigger shortcuts (a: Assist).
        await picker.locator("ha-picker-combo-box ha-input-search input").click()
        await self.page.keyboard.type(native_name)
        await picker.locator("ha-combo-box-item", has_text=native_name).first.click()
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while await self.language() != code:
            if time.monotonic() > deadline:
                raise UiError(f"the frontend did not switch to {native_name}")
            await self.page.wait_for_timeout(200)

    async def add_integration(self, search: str, name: str) -> None:
        """Add integration, type search, click the integration called name."""
        self.screen = "add integration"
        await self.page.locator("ha-button[slot=fab]").click()
        search_box = self.page.locator("dialog-add-integration ha-input-search input")
        await search_box.click()
        await self.page.keyboard.type(search)
        item = self.page.locator(
            "dialog-add-integration ha-integration-list-item", has_text=name
        )
        await item.first.wait_for()
        await self.shoot("add-integration")
        await item.first.click()
        await self.wait_for_step("closed")

    async def open_integration_page(self, domain: str) -> None:
        """The integration's own page, from the Devices & services dashboard."""
        self.screen = "integration page"
        await self.page.locator(
            f'ha-integration-card a[href="/config/integrations/integration/{domain}"]'
        ).first.click()
        await self.page.wait_for_url(f"**/config/integrations/integration/{domain}**")
        await self.page.locator("ha-config-entry-row").first.wait_for()

    async def open_options(self, entry_title: str) -> None:
        """The Configure (cog) button of the entry titled entry_title."""
        self.screen = f"options of {entry_title}"
        row = self.page.locator("ha-config-entry-row", has_text=entry_title).first
        await row.locator("ha-row-item > ha-icon-button[slot=end]").first.click()
        await self.wait_for_step("closed")

    async def open_device(self, domain: str, device_name: str) -> None:
        """A device's page, from the list of the integration's devices."""
        self.screen = f"device {device_name}"
        row = self.page.locator("ha-config-entry-device-row", has_text=device_name)
        await row.first.locator("ha-list-item-button").first.click()
        await self.page.wait_for_url("**/config/devices/device/**")
        await self.page.locator("ha-device-info-card").first.wait_for()

    async def back_to_integration(self, domain: str) -> None:
        """Back to the integration page, as its breadcrumb link does."""
        await self.page.goto(
            f"{self.base_url}/config/integrations/integration/{domain}"
        )
        await self.page.locator("ha-config-entry-row").first.wait_for()

    # ----------------------------------------------------------- flows
    async def flow_step(self) -> dict[str, Any] | None:
        """The step the flow dialog shows, or None when none is open."""
        step: dict[str, Any] | None = await self.page.evaluate(FLOW_STEP_JS)
        return step

    async def wait_for_step(self, previous: str) -> dict[str, Any] | None:
        """Wait for the dialog to show another step than previous, rendered."""
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            step = await self.flow_step()
            if step_signature(step) != previous and await self._rendered(step):
                await self.page.wait_for_timeout(SETTLE_MS)
                return step
            if time.monotonic() > deadline:
                raise UiError(
                    f"the flow dialog stayed on {previous} for {STEP_TIMEOUT_S:.0f} s"
                )
            await self.page.wait_for_timeout(200)

    async def _rendered(self, step: Mapping[str, Any] | None) -> bool:
        if step is None:
            return True
        element = STEP_ELEMENTS.get(str(step.get("type")))
        if element is None:
            return True
        if not await self.page.locator(f"{FLOW_DIALOG} {element}").count():
            return False
        if step.get("type") != "form":
            return True
        marked = await self.page.evaluate(MARK_FIELDS_JS)
        return len(marked) >= len(step.get("data_schema") or [])

    async def choose_menu_option(
        self, step: Mapping[str, Any], option: str
    ) -> dict[str, Any] | None:
        """Click the menu entry for option; return the next step."""
        options = list(step.get("menu_options") or [])
        if option not in options:
            raise UiError(f"menu {step.get('step_id')} offers {options}, not {option}")
        await (
            self.page.locator(f"{FLOW_DIALOG} step-flow-menu ha-list-item")
            .nth(options.index(option))
            .click()
        )
        return await self.wait_for_step(step_signature(step))

    async def press_primary(
        self, step: Mapping[str, Any] | None
    ) -> dict[str, Any] | None:
        """Submit, Finish or Close: the dialog's main button; return the next step."""
        await self.page.locator(PRIMARY_BUTTON).click()
        return await self.wait_for_step(step_signature(step))

    async def fill_form(
        self, step: Mapping[str, Any], answers: Mapping[str, Any]
    ) -> list[str]:
        """Answer the form as a person would; return the fields touched.

        A field with an answer gets it typed (or its switch set); a field the
        form needs but has no value for gets a plausible one: the first
        option of a select, the minimum of a number, ``ui-check`` as text.
        An empty multiple select gets its first option, so that the steps
        that follow from a choice are walked too.
        """
        await self.page.evaluate(MARK_FIELDS_JS)
        touched = []
        for field in fields_of(step):
            name = field["name"]
            has_value = "default" in field or (field.get("description") or {}).get(
                "suggested_value"
            ) not in (None, "")
            kind = field_kind(field)
            if name in answers:
                value = answers[name]
            elif kind == "multi_select" and not field.get("default"):
                value = None  # pick the first option
            elif has_value or not field.get("required"):
                continue
            else:
                value = placeholder_answer(field)
            locator = self.page.locator(f'{FLOW_DIALOG} [data-ui-field="{name}"]')
            await self._answer(locator, kind, value)
            touched.append(name)
        return touched

    async def _answer(self, field: Locator, kind: str, value: Any) -> None:
        match kind:
            case "text" | "number":
                box = field.locator("input").first
                await box.click()
                await self.page.keyboard.press("ControlOrMeta+a")
                await self.page.keyboard.type(str(value))
            case "boolean":
                switch = field.locator("ha-switch, ha-checkbox, ha-formfield").first
                checked = await field.locator("input").first.is_checked()
                if checked != bool(value):
                    await switch.click()
            case "select" | "multi_select":
                await self._pick_first(field)
            case _:
                raise UiError(f"cannot fill a field of kind {kind}")

    async def _pick_first(self, field: Locator) -> None:
        """Open a select (list, dropdown or picker) and click its first option."""
        radio = field.locator("ha-radio, ha-formfield")
        if await radio.count():
            await radio.first.click()
            return
        opener = field.locator(
            "ha-picker-field, ha-generic-picker ha-button, ha-select"
        )
        await opener.first.click()
        option = field.locator("ha-combo-box-item, ha-dropdown-item, ha-list-item")
        await option.first.click()


def fields_of(step: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The fields of a form step, sections' fields included."""
    fields: list[Mapping[str, Any]] = []
    for field in step.get("data_schema") or []:
        if field.get("type") == "expandable":
            fields.extend(field.get("schema", []))
        else:
            fields.append(field)
    return fields


def field_kind(field: Mapping[str, Any]) -> str:
    """text, number, boolean, select or multi_select, from a serialized field."""
    selector = field.get("selector") or {}
    if "select" in selector:
        return "multi_select" if selector["select"].get("multiple") else "select"
    if "number" in selector or field.get("type") in {"integer", "float"}:
        return "number"
    if "boolean" in selector or field.get("type") == "boolean":
        return "boolean"
    if field.get("type") == "multi_select":
        return "multi_select"
    if field.get("type") == "select":
        return "select"
    return "text"


def placeholder_answer(field: Mapping[str, Any]) -> Any:
    """A value a required field accepts when the walk has nothing better to say."""
    match field_kind(field):
        case "number":
            number = (field.get("selector") or {}).get("number") or {}
            return number.get("min", field.get("valueMin", 1))
        case "boolean":
            return False
        case _:
            return "ui-check"
