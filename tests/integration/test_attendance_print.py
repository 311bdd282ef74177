"""The sign-in sheet printed through LibreOffice: A4 landscape, one page wide, the header on
every page, only the people attending on the sign-in pages."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.texts import exports as t
from models.announcements import Announcement
from rendering.attendance_sheet import attendee_sheet
from tests.utils.attendance import REASON, name, seed_event

pytestmark = [pytest.mark.slow, pytest.mark.pinned_clock]

SOFFICE = shutil.which("soffice")
PDF_TOOLS = shutil.which("pdfinfo") and shutil.which("pdftotext")
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
ATTENDING = 30


async def _event(sessions: async_sessionmaker[AsyncSession]) -> Announcement:
    """A training with 30 people attending, 2 declining and 2 who have not answered."""
    return await seed_event(sessions, attending=ATTENDING, declined=2, silent=2)


def _to_pdf(xlsx: Path) -> Path:
    """Print the workbook the way a coordinator would: LibreOffice, default print settings."""
    assert SOFFICE is not None
    profile = xlsx.parent / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(xlsx.parent),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(xlsx.parent)},
    )
    pdf = xlsx.with_suffix(".pdf")
    assert pdf.exists()
    return pdf


def _pages(pdf: Path) -> list[tuple[float, float, str]]:
    """(width, height, text) of every page."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    sizes = [
        (float(w), float(h))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ]
    pages = []
    for number, (width, height) in enumerate(sizes, start=1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pages.append((width, height, text))
    return pages


@pytest.mark.skipif(not SOFFICE or not PDF_TOOLS, reason="needs LibreOffice and poppler-utils")
async def test_thirty_attendees_print_one_page_wide_on_a4_landscape(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    row = await _event(sessions)
    async with sessions() as session:
        sheet, answered = await attendee_sheet(session, announcement=row, zone=ZONE)
    assert answered == ATTENDING + 2
    xlsx = tmp_path / sheet.filename
    await asyncio.to_thread(xlsx.write_bytes, sheet.content)
    pdf = await asyncio.to_thread(_to_pdf, xlsx)
    pages = await asyncio.to_thread(_pages, pdf)

    assert pages, "LibreOffice printed nothing"
    for width, height, _text in pages:  # A4 landscape: 842 × 595 pt
        assert (round(width), round(height)) == (842, 595)
    sign_in = [text for _w, _h, text in pages if t.SHEET_COLUMNS[-1] in text]
    others = [text for _w, _h, text in pages if t.OTHERS_COLUMNS[-1] in text]
    # Every page carries the whole header row (first and last column): the sheet is one page
    # wide and the header repeats; nothing else was printed.
    assert len(sign_in) + len(others) == len(pages)
    for text in sign_in:
        assert all(header in text for header in t.SHEET_COLUMNS)
    for text in others:
        assert all(header in text for header in t.OTHERS_COLUMNS)
    assert len(sign_in) <= 3  # 30 rows of room to sign: a few pages, not dozens
    assert pages[0][2].count("Tập huấn kỹ năng số") == 1
    assert "10/03/2026 08:00" in pages[0][2]
    assert f"Trang 1/{len(pages)}" in pages[0][2]  # page numbers in the footer

    printed = "\n".join(sign_in)
    for index in range(ATTENDING):
        assert name(index) in printed
        assert f"0905 123 4{index:02d}" in printed  # phones as people write them
    assert name(ATTENDING) not in printed  # declined: not on the sign-in pages
    assert name(ATTENDING + 3) not in printed  # not answered
    rest = "\n".join(others)
    assert REASON in rest and t.SHEET_ANSWERS[""] in rest
