"""Which process runs the scheduler: the hook the jobs, /healthz and /metrics ask.

One process today, so it is always the leader. Leader election through the database (a
lease or an advisory lock) will provide another `Leadership` in the app's services.
"""

from __future__ import annotations

from typing import Protocol


class Leadership(Protocol):
    """Tells whether this process is the scheduler leader."""

    def is_leader(self) -> bool:
        """True while this process should run the recurring jobs."""


class SingleProcess:
    """The only process is the leader."""

    def is_leader(self) -> bool:
        """Always true."""
        return True
