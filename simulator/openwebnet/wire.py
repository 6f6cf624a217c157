"""Writing frames to a client, optionally the awkward way TCP allows.

Real gateways' frames reach a client split across reads or several per read;
``WriteMode`` forces either so tests can prove a client copes:

* ``NORMAL`` - one ``write`` per frame, drained at the end of a burst;
* ``SPLIT`` - every frame in two writes with a pause between them, so the
  client reads half a frame first;
* ``COALESCE`` - every burst (an answer and its ACK, or a batch of events) in
  a single write, so the client reads several frames at once.
"""

import asyncio
from collections.abc import Sequence
from enum import StrEnum
from typing import Final

from custom_components.onewire_own.openwebnet.frames import Frame

SPLIT_PAUSE: Final = 0.002


class WriteMode(StrEnum):
    """How frames are cut into writes."""

    NORMAL = "normal"
    SPLIT = "split"
    COALESCE = "coalesce"


async def write_frames(
    writer: asyncio.StreamWriter, frames: Sequence[Frame | str], mode: WriteMode
) -> None:
    """Send ``frames`` (frame objects or raw text) in ``mode``."""
    texts = [frame if isinstance(frame, str) else frame.build() for frame in frames]
    match mode:
        case WriteMode.COALESCE:
            writer.write("".join(texts).encode("ascii"))
        case WriteMode.SPLIT:
            for text in texts:
                cut = max(1, len(text) // 2)
                writer.write(text[:cut].encode("ascii"))
                await writer.drain()
                await asyncio.sleep(SPLIT_PAUSE)
                writer.write(text[cut:].encode("ascii"))
                await writer.drain()
                await asyncio.sleep(SPLIT_PAUSE)
        case _:
            for text in texts:
                writer.write(text.encode("ascii"))
    await writer.drain()
