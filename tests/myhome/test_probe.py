"""The config flow's gateway probe hands answers to the gateway item safely."""

from custom_components.onewire_own.myhome import probe
from custom_components.onewire_own.openwebnet import (
    ACK,
    DimensionReply,
    DimensionRequest,
    Where,
)
from custom_components.onewire_own.openwebnet.items.gateway_info import GatewayInfo


class _AbsurdUptimeSession:
    """Answers every request with an uptime no timedelta can hold, then ACK."""

    async def request(self, frame: object, timeout: float) -> list[object]:
        return [DimensionReply(13, Where(""), "19", ("9999999999", "0", "0", "0")), ACK]


async def test_an_answer_no_item_can_hold_is_skipped_not_raised(monkeypatch) -> None:
    monkeypatch.setattr(probe, "PROBE_PACING", 0)
    sender = probe._ProbeSender(_AbsurdUptimeSession())  # type: ignore[arg-type]
    info = GatewayInfo(sender, "")
    sender.item = info

    answers = await sender.send(DimensionRequest(13, Where(""), "19"))

    assert answers[-1] is ACK
    assert info.uptime is None
