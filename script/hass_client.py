"""Drive a running Home Assistant through the HTTP and WebSocket calls its UI makes.

Onboarding (``/api/onboarding/...``), login (``/auth/login_flow``), tokens
(``/auth/token``), config and options flows (``/api/config/config_entries/...``),
REST states and WebSocket commands: the same endpoints the frontend uses, so
a flow that works here works for a person clicking through it.
"""

import asyncio
from collections.abc import AsyncIterator, Mapping
import contextlib
import itertools
from typing import Any, Self

import aiohttp

CLIENT_ID = "http://127.0.0.1/"  # IndieAuth: any URL works for a local client


class HomeAssistantError(RuntimeError):
    """Home Assistant answered, but not what the caller needed."""


class HomeAssistantClient:
    """An authenticated HTTP + WebSocket session with one Home Assistant."""

    def __init__(self, base_url: str) -> None:
        """Talk to base_url (e.g. http://127.0.0.1:8123); call open() first."""
        self.base_url = base_url.rstrip("/")
        self.token = ""
        self.tokens: dict[
            str, Any
        ] = {}  # the whole /auth/token answer (refresh token...)
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._subscriptions: dict[int, asyncio.Queue[Any]] = {}
        self._reader: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        """Open the HTTP session."""
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Close the WebSocket and the HTTP session."""
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._ws is not None:
            await self._ws.close()
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        """The HTTP session (open() must have run)."""
        assert self._session is not None, "use 'async with HomeAssistantClient(...)'"
        return self._session

    # ------------------------------------------------------------ HTTP
    async def request(
        self, method: str, path: str, json: Any = None, *, auth: bool = True
    ) -> Any:
        """One JSON request; raises HomeAssistantError on a non-2xx answer."""
        headers = (
            {"Authorization": f"Bearer {self.token}"} if auth and self.token else {}
        )
        async with self.session.request(
            method, self.base_url + path, json=json, headers=headers
        ) as response:
            text = await response.text()
            if response.status >= 300:
                raise HomeAssistantError(
                    f"{method} {path} -> {response.status}: {text[:400]}"
                )
            return await response.json(content_type=None) if text else None

    async def wait_until_up(self, timeout: float, is_alive: Any = None) -> None:
        """Wait for the HTTP server to answer, whatever the status.

        No one endpoint answers 200 both before and after onboarding
        (/auth/providers says 400 before, /api/onboarding 404 after).
        """
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            with contextlib.suppress(aiohttp.ClientError):
                async with self.session.get(f"{self.base_url}/auth/providers"):
                    return
            if is_alive is not None and not is_alive():
                raise HomeAssistantError("hass exited during start-up (see its log)")
            if asyncio.get_running_loop().time() > deadline:
                raise HomeAssistantError(
                    f"Home Assistant did not answer within {timeout:.0f} s"
                )
            await asyncio.sleep(0.5)

    async def onboarding_done(self) -> bool:
        """Whether the owner account exists (the onboarding API is gone once done)."""
        async with self.session.get(f"{self.base_url}/api/onboarding") as response:
            if response.status == 404:
                return True
            steps = await response.json()
        return all(step["done"] for step in steps if step["step"] == "user")

    async def onboard(self, username: str, password: str) -> None:
        """Create the owner and finish every onboarding step, as the wizard does."""
        created = await self.request(
            "POST",
            "/api/onboarding/users",
            auth=False,
            json={
                "client_id": CLIENT_ID,
                "name": username.title(),
                "username": username,
                "password": password,
                "language": "en",
            },
        )
        await self._exchange_code(created["auth_code"])
        await self.request("POST", "/api/onboarding/core_config", json={})
        await self.request("POST", "/api/onboarding/analytics", json={})
        await self.request(
            "POST",
            "/api/onboarding/integration",
            json={
                "client_id": CLIENT_ID,
                "redirect_uri": f"{CLIENT_ID}?auth_callback=1",
            },
        )

    async def login(self, username: str, password: str) -> None:
        """Log in through the login flow, as the login page does."""
        flow = await self.request(
            "POST",
            "/auth/login_flow",
            auth=False,
            json={
                "client_id": CLIENT_ID,
                "handler": ["homeassistant", None],
                "redirect_uri": f"{CLIENT_ID}?auth_callback=1",
            },
        )
        result = await self.request(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            auth=False,
            json={"client_id": CLIENT_ID, "username": username, "password": password},
        )
        if result.get("type") != "create_entry":
            raise HomeAssistantError(f"login refused: {result.get('errors')}")
        await self._exchange_code(result["result"])

    async def _exchange_code(self, code: str) -> None:
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": CLIENT_ID,
        }
        async with self.session.post(
            f"{self.base_url}/auth/token", data=data
        ) as response:
            if response.status != 200:
                raise HomeAssistantError(f"token exchange -> {response.status}")
            self.tokens = await response.json()
            self.token = self.tokens["access_token"]

    # ----------------------------------------------------------- flows
    async def start_config_flow(self, handler: str) -> dict[str, Any]:
        """Open the "Add integration" dialog for handler."""
        result: dict[str, Any] = await self.request(
            "POST",
            "/api/config/config_entries/flow",
            json={"handler": handler, "show_advanced_options": False},
        )
        return result

    async def config_flow_step(
        self, flow_id: str, data: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Submit one step (a form, or a menu choice as {"next_step_id": ...})."""
        result: dict[str, Any] = await self.request(
            "POST", f"/api/config/config_entries/flow/{flow_id}", json=dict(data)
        )
        return result

    async def start_options_flow(self, entry_id: str) -> dict[str, Any]:
        """Open an entry's "Configure" dialog."""
        result: dict[str, Any] = await self.request(
            "POST",
            "/api/config/config_entries/options/flow",
            json={"handler": entry_id},
        )
        return result

    async def options_flow_step(
        self, flow_id: str, data: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Submit one options step."""
        result: dict[str, Any] = await self.request(
            "POST",
            f"/api/config/config_entries/options/flow/{flow_id}",
            json=dict(data),
        )
        return result

    async def config_entries(self, domain: str) -> list[dict[str, Any]]:
        """The config entries of domain, with their state."""
        result: list[dict[str, Any]] = await self.request(
            "GET", f"/api/config/config_entries/entry?domain={domain}"
        )
        return result

    async def flow_in_progress(
        self, domain: str, source: str, entry_id: str
    ) -> dict[str, Any] | None:
        """The config flow of that source (reauth...) Home Assistant runs for an entry."""
        for flow in await self.ws("config_entries/flow/progress"):
            context = flow.get("context", {})
            if (
                flow["handler"] == domain
                and context.get("source") == source
                and context.get("entry_id") == entry_id
            ):
                found: dict[str, Any] = flow
                return found
        return None

    async def issue(self, domain: str, issue_id: str) -> dict[str, Any] | None:
        """A repair issue as Settings > Repairs lists it, or None."""
        answer = await self.ws("repairs/list_issues")
        return next(
            (
                issue
                for issue in answer["issues"]
                if issue["domain"] == domain and issue["issue_id"] == issue_id
            ),
            None,
        )

    # ------------------------------------------------------------ REST
    async def states(self) -> dict[str, dict[str, Any]]:
        """Every entity state, by entity id (GET /api/states)."""
        return {
            state["entity_id"]: state
            for state in await self.request("GET", "/api/states")
        }

    async def call_service(
        self, domain: str, service: str, data: Mapping[str, Any]
    ) -> Any:
        """POST /api/services/<domain>/<service>."""
        return await self.request(
            "POST", f"/api/services/{domain}/{service}", json=dict(data)
        )

    # ------------------------------------------------------- WebSocket
    async def _connect_ws(self) -> aiohttp.ClientWebSocketResponse:
        if self._ws is not None:
            return self._ws
        ws = await self.session.ws_connect(f"{self.base_url}/api/websocket")
        if (await ws.receive_json())["type"] != "auth_required":
            raise HomeAssistantError("unexpected WebSocket greeting")
        await ws.send_json({"type": "auth", "access_token": self.token})
        if (answer := await ws.receive_json())["type"] != "auth_ok":
            raise HomeAssistantError(f"WebSocket auth refused: {answer}")
        self._ws = ws
        self._reader = asyncio.create_task(self._read_ws(ws))
        return ws

    async def _read_ws(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            payload = message.json()
            for item in payload if isinstance(payload, list) else [payload]:
                if item["type"] == "event" and item["id"] in self._subscriptions:
                    self._subscriptions[item["id"]].put_nowait(item["event"])
                elif (
                    future := self._pending.pop(item["id"], None)
                ) and not future.done():
                    future.set_result(item)
        for future in self._pending.values():
            if not future.done():
                future.set_exception(HomeAssistantError("WebSocket closed"))

    async def ws_answer(self, command: str, **fields: Any) -> dict[str, Any]:
        """Send one WebSocket command and return the whole answer, error or not."""
        ws = await self._connect_ws()
        message_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        await ws.send_json({"id": message_id, "type": command, **fields})
        answer: dict[str, Any] = await asyncio.wait_for(future, 30)
        return answer

    async def ws(self, command: str, **fields: Any) -> Any:
        """Send one WebSocket command and return its result."""
        answer = await self.ws_answer(command, **fields)
        if not answer.get("success"):
            raise HomeAssistantError(f"{command} failed: {answer.get('error')}")
        return answer.get("result")

    @contextlib.asynccontextmanager
    async def subscribe(
        self, command: str, **fields: Any
    ) -> AsyncIterator[asyncio.Queue[Any]]:
        """Subscribe (e.g. subscribe_events); yields a queue of events."""
        ws = await self._connect_ws()
        message_id = next(self._ids)
        queue: asyncio.Queue[Any] = asyncio.Queue()
        self._subscriptions[message_id] = queue
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        await ws.send_json({"id": message_id, "type": command, **fields})
        answer = await asyncio.wait_for(future, 30)
        if not answer.get("success"):
            raise HomeAssistantError(f"{command} failed: {answer.get('error')}")
        try:
            yield queue
        finally:
            self._subscriptions.pop(message_id, None)
            with contextlib.suppress(Exception):
                await self.ws("unsubscribe_events", subscription=message_id)
