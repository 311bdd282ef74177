"""A training with people attending, declining and silent, straight in the database."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import unit_catalog
from models.announcements import Announcement, Recipient
from models.members import Member, MemberStatus

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Rơ Châm", "Kpă", "Siu", "Ksor", "Đinh", "Hoàng")
MIDDLE = ("Văn", "Thị", "Thị Thanh", "Hữu", "Ngọc")
GIVEN = ("An", "Bình", "Hiếu", "H'Luyến", "Phương Thảo", "Quang Minh", "Thuỷ", "Yên")
REASON = "Trùng lịch họp xã"


def name(index: int) -> str:
    """40 different names (no two alike below 40)."""
    return f"{FAMILY[index % 10]} {MIDDLE[index % 5]} {GIVEN[index % 8]}"


def phone(index: int) -> str:
    """The stored (E.164) phone of person `index`: 0905 123 4xx as people write it."""
    return f"+849051234{index:02d}"


async def seed_event(
    sessions: async_sessionmaker[AsyncSession], *, attending: int, declined: int, silent: int
) -> Announcement:
    """People 0… attend, the next `declined` decline (with a reason), the rest are silent."""
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
        for index in range(attending + declined + silent):
            commune = communes[index % len(communes)]
            member = Member(
                full_name=name(index),
                phone=phone(index),
                unit_catalog="2024",
                unit_code=commune.code,
                status=MemberStatus.ACTIVE,
            )
            session.add(member)
            await session.flush()
            assert member.id is not None
            answer = None
            if index < attending:
                answer = "yes"
            elif index < attending + declined:
                answer = "no"
            session.add(
                Recipient(
                    announcement_id=row.id,
                    member_id=member.id,
                    unit_catalog="2024",
                    unit_code=commune.code,
                    answer=answer,
                    reason=REASON if answer == "no" else None,
                    answered_at=answered if answer else None,
                )
            )
        await session.commit()
        return row
