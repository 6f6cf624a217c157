"""Where the repository is, and making its packages importable from script/.

The stack needs ``simulator`` (the gateway simulator) and ``tests.peers``
(the owserver harness), which live at the repository root, while the
scripts run from ``script/``.
"""

from pathlib import Path
import sys

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "onewire_own"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
