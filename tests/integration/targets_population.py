"""A small network whose targets can be counted by hand: members in two communes of Ia Grai
and one ward of Pleiku, trainings held this year, last year, later this year and cancelled,
a meeting, teams (one stopped) and imported village totals.

By hand, at the FakeClock's 02/03/2026 (see the tests for the figures):
- departments: Sở Nội vụ has an approved member; Sở Tài chính only a pending one; Sở TT&TT
  has the demo admin and the Sở's coordinator (the demo seed gives them that organisation);
- committees: UBND Ia Grai (organisation), UBND Ia Sao (organisation), UBND Yên Đỗ (a
  non-specialised commune staff member without organisation); Ia Yok has only a team member;
- the training of 01/03/2026 went to Nội vụ (yes), Sao 1 (yes), Sao 2 (no), Yên Đỗ (yes),
  Yok 1 (no answer); other events must not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import announcements, members, organisations, teams, unit_catalog, villages
from models.announcements import AnnouncementState, Answer, Draft
from models.members import Member, MemberBase, MemberStatus

CATALOG = "2024"
IA_GRAI = "628"
IA_SAO = "23767"
IA_YOK = "23768"
YEN_DO = "23557"


@dataclass
class Population:
    """The ids of what was made, by short name."""

    people: dict[str, int] = field(default_factory=dict)
    trainings: dict[str, int] = field(default_factory=dict)


async def _member(
    session: AsyncSession,
    *,
    name: str,
    category: str | None,
    unit: str | None,
    organisation_id: int | None = None,
    status: str = MemberStatus.ACTIVE,
) -> Member:
    return await members.create_member(
        session,
        data=MemberBase(
            full_name=name,
            category=category,
            unit_catalog=CATALOG if unit else None,
            unit_code=unit,
            organisation_id=organisation_id,
        ),
        status=status,
    )


async def _event(
    session: AsyncSession,
    *,
    author: int,
    kind: str,
    title: str,
    event_at: datetime,
    answers: dict[int, str | None],
    units: dict[int, str | None],
    state: str = AnnouncementState.SENT,
) -> int:
    row = await announcements.create(
        session,
        draft=Draft(
            kind=kind,
            title=title,
            body="Kính mời tham dự.",
            author_member_id=author,
            audience={},
            send_at=event_at - timedelta(days=5),
            event_at=event_at,
            place="Hội trường",
            rsvp=True,
        ),
    )
    assert row.id is not None
    row.state = state
    session.add(row)
    people = [(mid, CATALOG if units[mid] else None, units[mid]) for mid in answers]
    await announcements.add_recipients(
        session, announcement_id=row.id, people=people, reached={mid for mid in answers}
    )
    for member_id, answer in answers.items():
        if answer is None:
            continue
        recipient = await announcements.recipient(
            session, announcement_id=row.id, member_id=member_id
        )
        assert recipient is not None
        await announcements.answer(session, row=recipient, answer=Answer(answer), now=event_at)
    return row.id


async def build(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, author: int
) -> Population:
    """Make the network described above; `author` sends the trainings."""
    made = Population()
    async with sessions() as session:
        noi_vu = await organisations.by_key(session, key="so-noi-vu")
        tai_chinh = await organisations.by_key(session, key="so-tai-chinh")
        assert noi_vu is not None and tai_chinh is not None
        grai = unit_catalog.get_unit(CATALOG, IA_GRAI)
        sao = unit_catalog.get_unit(CATALOG, IA_SAO)
        assert grai is not None and sao is not None
        ubnd_grai = await organisations.committee_for(session, unit=grai)
        ubnd_sao = await organisations.committee_for(session, unit=sao)
        specs = {
            "noivu": ("Đỗ Thị Nội Vụ", "dau_moi_so_nganh", None, noi_vu.id, "active"),
            "taichinh": ("Vũ Văn Tài Chính", "dau_moi_so_nganh", None, tai_chinh.id, "pending"),
            "grai": ("Lê Thị Huyện", "dau_moi_huyen", IA_GRAI, ubnd_grai.id, "active"),
            "sao1": ("Phan Văn Sao Một", "cong_chuc_xa", IA_SAO, ubnd_sao.id, "active"),
            "sao2": ("Ksor Sao Hai", "to_cnscd", IA_SAO, None, "active"),
            "yok1": ("Rmah Yok Một", "to_cnscd", IA_YOK, None, "active"),
            "yok2": ("Siu Yok Hai", "khong_chuyen_trach_cntt", IA_YOK, None, "rejected"),
            "yendo": ("Trần Thị Yên Đỗ", "khong_chuyen_trach_cntt", YEN_DO, None, "active"),
        }
        units: dict[int, str | None] = {}
        for key, (name, category, unit, org, status) in specs.items():
            member = await _member(
                session,
                name=name,
                category=category,
                unit=unit,
                organisation_id=org,
                status=status,
            )
            assert member.id is not None
            made.people[key] = member.id
            units[member.id] = unit
        p = made.people
        made.trainings["held"] = await _event(
            session,
            author=author,
            kind="training",
            title="Tập huấn nền tảng số",
            event_at=now - timedelta(days=1),
            answers={p["noivu"]: "yes", p["sao1"]: "yes", p["sao2"]: "no", p["yendo"]: "yes"}
            | {p["yok1"]: None},
            units=units,
        )
        made.trainings["last_year"] = await _event(
            session,
            author=author,
            kind="training",
            title="Tập huấn năm trước",
            event_at=datetime(2025, 12, 20, 2, 0, tzinfo=now.tzinfo),
            answers={p["yok1"]: "yes"},
            units=units,
        )
        made.trainings["later"] = await _event(
            session,
            author=author,
            kind="training",
            title="Tập huấn sắp tới",
            event_at=now + timedelta(days=10),
            answers={p["sao2"]: "yes"},
            units=units,
        )
        made.trainings["cancelled"] = await _event(
            session,
            author=author,
            kind="training",
            title="Tập huấn đã hủy",
            event_at=now - timedelta(days=3),
            answers={p["sao2"]: "yes"},
            units=units,
            state=AnnouncementState.CANCELLED,
        )
        made.trainings["meeting"] = await _event(
            session,
            author=author,
            kind="meeting",
            title="Giao ban mạng lưới",
            event_at=now - timedelta(days=2),
            answers={p["yok1"]: "yes"},
            units=units,
        )
        for village, code, active in (
            ("Thôn 1", IA_SAO, True),
            ("Thôn 2", IA_SAO, True),
            ("Thôn 3", IA_SAO, False),
            ("Làng Dơk", IA_YOK, True),
            ("Tổ dân phố 5", YEN_DO, True),
        ):
            team = await teams.create(
                session,
                name=f"Tổ CNSCĐ {village}",
                catalog=CATALOG,
                code=code,
                village=village,
                leader_member_id=None,
                created_by=author,
            )
            if not active:
                await teams.deactivate(session, team=team, now=now)
        await villages.save(
            session, catalog=CATALOG, rows=[(IA_SAO, 10), (IA_YOK, 8)], by=author, now=now
        )
        await session.commit()
    return made
