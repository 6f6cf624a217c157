"""Cut a TCP byte stream into frame texts.

TCP delivers bytes, not frames: one read may hold half a frame or many. The
splitter keeps the unfinished tail between reads and refuses to keep more than
``max_frame_length`` bytes without a ``##``: a peer that never ends a frame is
an error, not a reason to buffer forever.
"""

from typing import Final

from .errors import FrameTooLongError

DEFAULT_MAX_FRAME_LENGTH: Final = 4096
_END: Final = b"##"


class FrameSplitter:
    """Feed bytes as they arrive; get back every frame text they complete."""

    __slots__ = ("_max_frame_length", "_tail")

    def __init__(self, max_frame_length: int = DEFAULT_MAX_FRAME_LENGTH) -> None:
        """Create a splitter that refuses frames longer than max_frame_length."""
        self._max_frame_length = max_frame_length
        self._tail = b""

    @property
    def pending(self) -> int:
        """Bytes received that do not end a frame yet."""
        return len(self._tail)

    def feed(self, data: bytes) -> list[str]:
        """Return the frame texts (with their ``##``) completed by data.

        Raises:
            FrameTooLongError: more than max_frame_length bytes arrived without
                ending a frame; the buffered bytes are dropped.

        """
        buffer = self._tail + data if self._tail else data
        if _END not in buffer:
            self._tail = buffer
            self._check(len(buffer))
            return []
        *complete, tail = buffer.split(_END)
        self._tail = tail
        for chunk in complete:
            self._check(len(chunk) + len(_END))
        self._check(len(tail))
        return [chunk.decode("latin-1") + "##" for chunk in complete]

    def _check(self, length: int) -> None:
        if length > self._max_frame_length:
            self._tail = b""
            raise FrameTooLongError(
                f"peer sent {length} bytes without ending a frame"
                f" (limit {self._max_frame_length})"
            )
