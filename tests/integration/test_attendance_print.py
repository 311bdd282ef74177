"""The sign-in sheet printed through LibreOffice: A4 landscape, one page wide, the header on
every page, only the people attending on the sign-in pages."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.texts import exports as t
from handlers.broadcast.sheet import attendee_sheet
from models import unit_catalog
from models.announcements import Announcement, Recipient
from models.members import Member, MemberStatus

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice")
PDF_TOOLS = shutil.which("pdfinfo") and shutil.which("pdftotext")
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
ATTENDING = 30
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Rơ Châm", "Kpă", "Siu", "Ksor", "Đinh", "Hoàng")
MIDDLE = ("Văn", "Thị", "Thị Thanh", "Hữu", "Ngọc")
GIVEN = ("An", "Bình", "Hiếu", "H'Luyến", "Phương Thảo", "Quang Minh", "Thuỷ", "Yên")


def _name(index: int) -> str:
    """34 different names (10 × 8 family and given names, no two alike below 40)."""
    return f"{FAMILY[index % 10]} {MIDDLE[index % 5]} {GIVEN[index % 8]}"


async def _event(sessions: async_sessionmaker[AsyncSession]) -> Announcement:
    """A training with 30 people attending, 2 declining and 2 who have not answered."""
    communes = unit_catalog.communes("2024", "628")
    answered = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    async with sessions() as session:
        author = Member(full_name="Lê Văn Cường", status=MemberStatus.ACTIVE)
        session.add(author)
        await session.flush()
        assert author.id is not None
        row = Announcement(
            kind="training",
            title="Tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng huyện Ia Grai, đợt 1",
            body="Mời tham dự.",
            author_member_id=author.id,
            event_at=datetime(2026, 3, 10, 1, 0, tzinfo=UTC),
            place="Hội trường UBND huyện Ia Grai, 01 Hùng Vương, thị trấn Ia Kha",
            rsvp=True,
            send_at=answered,
        )
        session.add(row)
        await session.flush()
        assert row.id is not None
        for index in range(ATTENDING + 4):
            commune = communes[index % len(communes)]
            member = Member(
                full_name=_name(index),
                phone=f"+849051234{index:02d}",
                unit_catalog="2024",
                unit_code=commune.code,
                status=MemberStatus.ACTIVE,
            )
            session.add(member)
            await session.flush()
            assert member.id is not None
            answer = "yes" if index < ATTENDING else ("no" if index < ATTENDING + 2 else None)
            session.add(
                Recipient(
                    announcement_id=row.id,
                    member_id=member.id,
                    unit_catalog="2024",
                    unit_code=commune.code,
                    answer=answer,
                    reason="Trùng lịch họp xã" if answer == "no" else None,
                    answered_at=answered if answer else None,
                )
            )
        await session.commit()
        return row


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
        assert _name(index) in printed
        assert f"0905 123 4{index:02d}" in printed  # phones as people write them
    assert _name(ATTENDING) not in printed  # declined: not on the sign-in pages
    assert _name(ATTENDING + 3) not in printed  # not answered
    rest = "\n".join(others)
    assert "Trùng lịch họp xã" in rest and t.SHEET_ANSWERS[""] in rest
