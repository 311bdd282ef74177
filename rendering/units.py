"""Words about administrative units: the note beside a search hit found under an old name."""

from __future__ import annotations

from bot.texts import units as t
from models.unit_catalog import UnitMatch


def match_note(match: UnitMatch) -> str | None:
    """Why a hit came up under another name ("… đã sáp nhập vào …"), or None."""
    former = match.former
    if former is None:
        return None
    return t.FORMER_NAME_NOTES[former.change].format(old=former.old, new=former.new)
