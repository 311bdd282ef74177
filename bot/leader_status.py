"""Whether this process is the scheduler leader: what /healthz and /metrics ask.

A leaf, so that any layer may ask. The app puts its lease-based `bot.leadership` behind it;
`SingleProcess` stands for an app that runs no leadership (a lone process always leads).
"""

from __future__ import annotations

from typing import Protocol


class LeaderStatus(Protocol):
    """Tells whether this process is the scheduler leader."""

    def is_leader(self) -> bool:
        """True while this process should run the recurring jobs."""


class SingleProcess:
    """The only process is the leader."""

    def is_leader(self) -> bool:
        """Always true."""
        return True
