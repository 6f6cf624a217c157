"""Traffic counters of one gateway: what diagnostics and benchmarks read."""

from dataclasses import asdict, dataclass


@dataclass(slots=True)
class Counters:
    """Running totals since the gateway object was created."""

    frames_in: int = 0
    frames_out: int = 0
    malformed_frames: int = 0
    requests: int = 0
    nacks: int = 0
    busy_nacks: int = 0
    sessions_opened: int = 0
    reconnects: int = 0
    failed_logins: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counters as a plain dict (for diagnostics)."""
        return asdict(self)
