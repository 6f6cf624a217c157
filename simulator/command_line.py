"""What both simulators' command lines share: signals, logging, exit status.

``python -m simulator.openwebnet`` and ``python -m simulator.onewire`` each
parse their own options and serve their own peer; both stop on SIGINT or
SIGTERM and turn a bad description file or a port they cannot bind into a
one-line message and exit status 2, never a traceback.
"""

import argparse
import asyncio
from collections.abc import Callable, Coroutine
import contextlib
import logging
import signal
import sys
from typing import Any


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM (call inside the running loop)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    return stop


def run(
    serve: Callable[[argparse.Namespace], Coroutine[Any, Any, None]],
    arguments: argparse.Namespace,
    errors: tuple[type[Exception], ...],
) -> int:
    """Serve until interrupted; the process exit status (2 for errors)."""
    if arguments.verbose:
        logging.basicConfig(
            level=logging.DEBUG, format="%(asctime)s %(name)s %(message)s"
        )
    failures: tuple[type[Exception], ...] = (*errors, ValueError, OSError)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(serve(arguments))
    except failures as err:
        sys.stderr.write(f"simulator: {err}\n")
        return 2
    return 0
