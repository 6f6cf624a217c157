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
from ui_forms import (
    Answers,
    field_kind,
    fields_of,
    number_text,
    option_label,
    plan_answers,
    unheld,
)
from ui_texts import select_options

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
PALETTE = 128  # colours of a saved screenshot (the frontend's flat colours fit)
SETTLE_MS = 600  # dialogs animate in; the frontend loads panels lazily
FLOW_DIALOG = "dialog-data-entry-flow"
PRIMARY_BUTTON = f"{FLOW_DIALOG} ha-dialog-footer ha-button[slot=primaryAction]"
# An abort step (reauth_successful too) has a Close button only, on the side.
ABORT_CLOSE_BUTTON = f"{FLOW_DIALOG} ha-dialog-footer ha-button[slot=secondaryAction]"
CLOSE_BUTTON = f"{FLOW_DIALOG} ha-icon-button[slot=headerNavigationIcon]"
CLOSE_TIMEOUT_S = 5.0
FORM_UPDATE_TIMEOUT_S = 3.0  # a picked value reaches the form's data a moment later
# The list a picker opens (a search box over its entries), inside the field.
PICKER_LIST = "ha-picker-combo-box"
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
# What the flow dialog's form holds (and submits), or null without a form.
FORM_DATA_JS = f"""
() => {{
  {_DEEP_FIND_JS}
  const dialog = deepFind(document, "{FLOW_DIALOG}");
  const form = dialog && deepFind(dialog.shadowRoot || dialog, "ha-form");
  return form ? JSON.parse(JSON.stringify(form.data || {{}})) : null;
}}
"""
# Scroll the flow dialog's content back to its top (a long form is scrolled
# to the field last filled): a screenshot then shows its title and description.
SCROLL_DIALOG_UP_JS = f"""
() => {{
  {_DEEP_FIND_JS}
  const dialog = deepFind(document, "{FLOW_DIALOG}");
  if (!dialog) return;
  const walk = (root) => {{
    for (const el of root.querySelectorAll("*")) {{
      if (el.scrollTop > 0) el.scrollTop = 0;
      if (el.shadowRoot) walk(el.shadowRoot);
    }}
  }};
  walk(dialog.shadowRoot || dialog);
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


# Tag the element of tag whose property prop matches every field of wanted
# with data-ui-mark="<mark>"; return how many were tagged. The dashboard's
# flow cards hold their flow (``.flow``), the repairs list's items their
# issue (``.issue``): what tells them apart in every language.
MARK_BY_PROPERTY_JS = """
([tag, prop, wanted, mark]) => {
  const matches = (value, want) => Object.entries(want).every(([key, expected]) =>
    value && (typeof expected === "object"
      ? matches(value[key], expected) : value[key] === expected));
  let count = 0;
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.tagName.toLowerCase() === tag && matches(el[prop], wanted)) {
        el.setAttribute("data-ui-mark", mark);
        count += 1;
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return count;
}
"""
REPAIR_DIALOG = "dialog-repairs-issue"


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
    """Screenshots of every screen: docs/screens/<language>-<nn>-<name>.png.

    A screen is saved once per language: walking each option of a menu
    shows the menu (and the "options saved" screen) again and again.
    """

    def __init__(self, folder: Path) -> None:
        """Write into folder."""
        self.folder = folder
        self.language = "en"
        self._taken: dict[str, Path] = {}
        self.written: list[Path] = []

    def start(self, language: str) -> None:
        """Number the next screenshots from 1, and forget old ones of that language."""
        self.language = language
        self._taken = {}
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{language}-*.png"):
            old.unlink()

    async def take(self, page: Page, name: str) -> Path:
        """Capture the viewport as a small palette PNG, unless name was taken already."""
        if (path := self._taken.get(name)) is not None:
            return path
        path = self.folder / f"{self.language}-{len(self._taken) + 1:02d}-{name}.png"
        image = Image.open(io.BytesIO(await page.screenshot(type="png")))
        image.convert("RGB").quantize(colors=PALETTE, dither=Image.Dither.NONE).save(
            path, optimize=True
        )
        self._taken[name] = path
        self.written.append(path)
        return path

    def taken(self, name: str) -> bool:
        """Whether a screen of that name is saved already in this language."""
        return name in self._taken


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
        """Screenshot the page as it is now (once per name and language)."""
        if not self.screens.taken(name):
            await self.page.evaluate(SCROLL_DIALOG_UP_JS)
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

    async def mark(
        self, tag: str, prop: str, wanted: Mapping[str, Any], mark: str
    ) -> Locator:
        """The element tag whose property prop has the wanted fields, once shown."""
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while not await self.page.evaluate(
            MARK_BY_PROPERTY_JS, [tag, prop, dict(wanted), mark]
        ):
            if time.monotonic() > deadline:
                raise UiError(f"no {tag} with {prop} {dict(wanted)} is shown")
            await self.page.wait_for_timeout(500)
        return self.page.locator(f'{tag}[data-ui-mark="{mark}"]').first

    async def attention_card(self, domain: str, source: str) -> Locator:
        """The dashboard's card of domain's flow of that source (reauth: in red)."""
        self.screen = f"{source} card"
        card = await self.mark(
            "ha-config-flow-card",
            "flow",
            {"handler": domain, "context": {"source": source}},
            f"{domain}-{source}",
        )
        await card.scroll_into_view_if_needed()
        return card

    async def continue_flow(self, card: Locator) -> None:
        """The card's main button (Reconfigure, Add): the flow dialog opens."""
        self.screen = "flow from its card"
        await card.locator("ha-button[appearance=filled]").first.click()
        await self.wait_for_step("closed")

    async def open_repairs(self) -> None:
        """Settings, System, then Repairs."""
        self.screen = "repairs"
        await self.open_sidebar_link("/config")
        await self.page.locator('a[href="/config/system"]').first.click()
        await self.page.wait_for_url("**/config/system**")
        await self.page.locator('a[href="/config/repairs"]').first.click()
        await self.page.wait_for_url("**/config/repairs**")
        await self.page.locator("ha-config-repairs-dashboard ha-card").first.wait_for()
        await self.page.wait_for_timeout(SETTLE_MS)

    async def repair_shown(self, domain: str, issue_id: str) -> bool:
        """Whether the Repairs page lists that issue now."""
        marked: int = await self.page.evaluate(
            MARK_BY_PROPERTY_JS,
            [
                "ha-list-item-button",
                "issue",
                {"domain": domain, "issue_id": issue_id},
                issue_id,
            ],
        )
        return marked > 0

    async def open_repair(self, domain: str, issue_id: str) -> None:
        """Click the issue in the Repairs list: its dialog opens."""
        self.screen = f"repair {issue_id}"
        item = await self.mark(
            "ha-list-item-button",
            "issue",
            {"domain": domain, "issue_id": issue_id},
            issue_id,
        )
        await item.click()
        await self.page.locator(f"{REPAIR_DIALOG} ha-markdown").first.wait_for()
        await self.page.wait_for_timeout(SETTLE_MS)

    async def close_repair(self) -> None:
        """Close the issue's dialog (Escape, as its close button does)."""
        await self.page.keyboard.press("Escape")
        await self.page.locator(f"{REPAIR_DIALOG} ha-markdown").first.wait_for(
            state="hidden"
        )

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
        aborted = step is not None and step.get("type") == "abort"
        await self.page.locator(
            ABORT_CLOSE_BUTTON if aborted else PRIMARY_BUTTON
        ).click()
        return await self.wait_for_step(step_signature(step))

    async def form_data(self) -> dict[str, Any]:
        """What the dialog's form holds: the values it submits."""
        data: dict[str, Any] | None = await self.page.evaluate(FORM_DATA_JS)
        return data or {}

    async def fill_form(self, step: Mapping[str, Any], answers: Answers) -> list[str]:
        """Answer the form as a person would; return the fields entered.

        ``ui_forms.plan_answers`` decides what goes in each field; each is
        then typed, ticked or picked in the field as it is rendered (a box, a
        switch, radio buttons, check boxes, a dropdown, or a picker with a
        search box, where a custom value is typed and confirmed), and the
        form's data is read back: a value the form does not hold fails.
        """
        planned = plan_answers(step, answers)
        await self.page.evaluate(MARK_FIELDS_JS)
        fields = {field["name"]: field for field in fields_of(step)}
        for name, value in planned.items():
            locator = self.page.locator(f'{FLOW_DIALOG} [data-ui-field="{name}"]')
            await self._enter(locator, fields[name], value)
        deadline = time.monotonic() + FORM_UPDATE_TIMEOUT_S
        while problems := unheld(step, planned, await self.form_data()):
            if time.monotonic() > deadline:
                raise UiError("; ".join(problems))
            await self.page.wait_for_timeout(200)
        return list(planned)

    async def _enter(
        self, field: Locator, schema: Mapping[str, Any], value: Any
    ) -> None:
        match field_kind(schema):
            case "text":
                await self._type_into(field, str(value))
            case "number":
                await self._type_into(field, number_text(value))
            case "boolean":
                held = (await self.form_data()).get(schema["name"])
                if held is not bool(value):
                    await field.locator("ha-switch, ha-checkbox").first.click()
            case "select":
                await self._select(field, schema, str(value))
            case "multi_select":
                held = (await self.form_data()).get(schema["name"]) or []
                for one in value:
                    if one not in held:
                        await self._tick(field, schema, str(one))

    async def _type_into(self, field: Locator, text: str) -> None:
        """Click the field's box, select what it holds, and type text over it."""
        await field.locator("input, textarea").first.click()
        await self.page.keyboard.press("ControlOrMeta+a")
        await self.page.keyboard.type(text)
        await self.page.keyboard.press("Tab")  # the frontend commits on change

    async def _select(
        self, field: Locator, schema: Mapping[str, Any], value: str
    ) -> None:
        """One value of a select: a radio button, a dropdown entry, or a picker's."""
        options = select_options(schema)
        radios = field.locator("ha-radio-option")
        if not await radios.count():
            radios = field.locator("ha-radio")
        if await radios.count():
            await radios.nth(options.index(value)).click()
        elif await field.locator("ha-select").count():
            await field.locator("ha-select").first.click()
            await field.locator("ha-dropdown-item").nth(options.index(value)).click()
        else:
            await self._pick(field, schema, "ha-picker-field", value)

    async def _tick(
        self, field: Locator, schema: Mapping[str, Any], value: str
    ) -> None:
        """One more value of a multiple select: a check box, or a picker's entry."""
        options = select_options(schema)
        boxes = field.locator("ha-checkbox")
        if await boxes.count():
            await boxes.nth(options.index(value)).click()
        else:
            await self._pick(field, schema, "ha-generic-picker ha-button", value)

    async def _pick(
        self, field: Locator, schema: Mapping[str, Any], opener: str, value: str
    ) -> None:
        """Open a picker, search for value, and click it (or "add custom item" for it).

        An option is searched by its label (what the picker lists); a value
        that is no option is typed whole, and the picker's entry that adds it
        (the one with an icon, showing the typed text) is clicked.
        """
        await field.locator(opener).first.click()
        await field.locator(f"{PICKER_LIST} ha-input-search input").first.click()
        items = field.locator(f"{PICKER_LIST} ha-combo-box-item")
        options = select_options(schema)
        if value not in options:
            await self.page.keyboard.type(value)
            adder = items.filter(has=self.page.locator("ha-svg-icon[slot=start]"))
            await adder.filter(has_text=value).first.click()
            return
        label = option_label(schema, value)
        if label is None:  # translated options: found by their place in the list
            await items.nth(options.index(value)).click()
            return
        await self.page.keyboard.type(label)
        await items.filter(has_text=label).first.click()

    async def recover(self) -> None:
        """Close whatever a failed step left open, and go back to a known page.

        Escape closes a dropdown or picker; the dialog's close button ends the
        flow as a person would (the frontend then deletes it); reloading the
        Devices & services dashboard leaves no other dialog behind.
        """
        self.screen = "recovering"
        await self.page.keyboard.press("Escape")
        if await self.flow_step() is not None:
            with contextlib.suppress(PlaywrightError):
                await self.page.locator(CLOSE_BUTTON).first.click(timeout=3000)
            deadline = time.monotonic() + CLOSE_TIMEOUT_S
            while await self.flow_step() is not None and time.monotonic() < deadline:
                await self.page.wait_for_timeout(200)
        await self.page.goto(f"{self.base_url}/config/integrations/dashboard")
        await self.page.locator("ha-sidebar").wait_for()
