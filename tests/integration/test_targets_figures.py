"""The plan's targets computed by the bot equal the figures counted by hand for a small
network (tests/integration/targets_population.py), for the province, a district and a
commune; confirming attendance changes the training figure."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import attendance, targets, unit_catalog
from models.scopes import PROVINCE, Scope, units_under
from models.targets import COMMUNE, DEPARTMENT, DISTRICT, Share, Targets
from tests.integration.targets_population import (
    CATALOG,
    IA_GRAI,
    IA_SAO,
    IA_YOK,
    YEN_DO,
    Population,
    build,
)
from tests.utils.clock import FakeClock
from tests.utils.population import make_admin

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _scope(code: str) -> Scope:
    return Scope(catalog=CATALOG, codes=units_under(CATALOG, code))


async def _collect(
    sessions: async_sessionmaker[AsyncSession], scope: Scope, clock: FakeClock
) -> Targets:
    async with sessions() as session:
        return await targets.collect(session, scope=scope, catalog=CATALOG, now=clock(), zone=ZONE)


async def _made(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> tuple[Population, int]:
    admin = await make_admin(sessions)
    return await build(sessions, now=clock(), author=admin), admin


def _by_name(pairs: list[tuple[targets.Area, Share]]) -> dict[str | None, tuple[int, int | None]]:
    return {area.name: (share.done, share.total) for area, share in pairs}


async def test_the_province_figures_equal_the_hand_count(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _made(sessions, clock)
    found = await _collect(sessions, PROVINCE, clock)
    departments = 31  # models/data/organisations.csv
    districts = len(unit_catalog.districts(CATALOG))
    communes = len(unit_catalog.communes(CATALOG))
    assert (districts, communes) == (17, 218)
    assert found.focal.share(DEPARTMENT) == Share(1, departments)  # Nội vụ; Tài chính pending
    assert found.focal.share(DISTRICT) == Share(1, districts)  # Ia Grai
    assert found.focal.share(COMMUNE) == Share(2, communes)  # Ia Sao (organisation), Yên Đỗ
    missing = {unit.key for unit in found.focal.missing()}
    assert len(missing) == (departments - 1) + (districts - 1) + (communes - 2)
    assert {IA_YOK, "so-tai-chinh"} <= missing
    assert not {IA_SAO, YEN_DO, IA_GRAI, "so-noi-vu"} & missing

    # Active members: the admin, Nội vụ, Ia Grai, Sao 1, Sao 2, Yok 1, Yên Đỗ = 7.
    # Trained: Nội vụ, Sao 1, Yên Đỗ (answered yes to the training held on 01/03/2026).
    training = found.training
    assert training.year == 2026
    assert training.sessions == 1
    assert training.total() == Share(3, 7)
    assert _by_name(training.by_area()) == {
        None: (1, 2),  # the admin and Nội vụ, no unit
        "Huyện Ia Grai": (1, 4),
        "Thành phố Pleiku": (1, 1),
    }
    assert {key: (s.done, s.total) for key, s in training.by_category()} == {
        "dau_moi_so_nganh": (1, 1),
        "dau_moi_huyen": (0, 1),
        "cong_chuc_xa": (1, 1),
        "to_cnscd": (0, 2),
        "khong_chuyen_trach_cntt": (1, 1),
        None: (0, 1),
    }

    teams = found.teams
    assert teams.with_team() == 4  # Thôn 1, Thôn 2 (Ia Sao), Làng Dơk, Tổ dân phố 5
    assert teams.share() == Share(3, 18)  # Ia Sao 2/10 and Ia Yok 1/8 have totals
    assert teams.share().percent == 17
    by_area = _by_name(teams.by_area())
    assert by_area["Huyện Ia Grai"] == (3, None)  # not every commune has a total
    assert by_area["Thành phố Pleiku"] == (1, None)


async def test_a_district_and_a_commune_see_their_own_figures(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _made(sessions, clock)
    district = await _collect(sessions, _scope(IA_GRAI), clock)
    grai_communes = len(unit_catalog.communes(CATALOG, IA_GRAI))
    assert grai_communes == 13
    assert district.focal.levels() == [DISTRICT, COMMUNE]
    assert district.focal.share(DISTRICT) == Share(1, 1)
    assert district.focal.share(COMMUNE) == Share(1, grai_communes)
    assert district.training.total() == Share(1, 4)  # Ia Grai, Sao 1, Sao 2, Yok 1
    assert _by_name(district.training.by_area()) == {
        "Huyện Ia Grai": (0, 1),  # the district's own focal point
        "Xã Ia Sao": (1, 2),
        "Xã Ia Yok": (0, 1),
    }
    assert district.teams.share() == Share(3, 18)
    assert len(district.teams.communes) == grai_communes

    commune = await _collect(sessions, _scope(IA_SAO), clock)
    assert commune.focal.levels() == [COMMUNE]
    assert [u.key for u in commune.focal.units] == [IA_SAO]
    assert commune.training.total() == Share(1, 2)
    assert commune.training.sessions == 1
    assert [(c.unit.code, c.with_team, c.villages) for c in commune.teams.communes] == [
        (IA_SAO, 2, 10)
    ]


async def test_confirming_attendance_changes_the_training_figure(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    made, admin = await _made(sessions, clock)
    held, p = made.trainings["held"], made.people
    district = _scope(IA_GRAI)
    async with sessions() as session:
        # The district coordinator's sheet lists only Ia Grai's recipients.
        rows = await attendance.sheet_page(
            session, announcement_id=held, scope=district, limit=10, offset=0
        )
        assert {r.member_id for r in rows} == {p["sao1"], p["sao2"], p["yok1"]}
        assert {r.member_id for r in rows if r.present} == {p["sao1"]}  # from "Tham gia"
        assert not any(r.confirmed for r in rows)
        flips = [
            await attendance.toggle(
                session,
                announcement_id=held,
                member_id=member,
                scope=district,
                by=admin,
                now=clock(),
            )
            for member in (p["sao1"], p["sao2"], p["yok1"])
        ]
        assert flips == [False, True, True]
        refused = await attendance.toggle(
            session,
            announcement_id=held,
            member_id=p["yendo"],
            scope=district,
            by=admin,
            now=clock(),
        )
        assert refused is None  # Yên Đỗ is outside the district
        state = await attendance.state(session, announcement_id=held, scope=district)
        assert (state.recipients, state.present, state.confirmed, state.last_by) == (
            3,
            2,
            3,
            admin,
        )
        await session.commit()
    # Trained now: Nội vụ and Yên Đỗ (their answers still count), Sao 2 and Yok 1 (confirmed
    # present); Sao 1 answered yes but did not come.
    found = await _collect(sessions, PROVINCE, clock)
    assert found.training.total() == Share(4, 7)
    assert _by_name(found.training.by_area())["Huyện Ia Grai"] == (2, 4)

    async with sessions() as session:
        added = await attendance.confirm_all(
            session, announcement_id=held, scope=PROVINCE, by=admin, now=clock()
        )
        assert added == 2  # Nội vụ and Yên Đỗ, as they answered
        await session.commit()
    assert (await _collect(sessions, PROVINCE, clock)).training.total() == Share(4, 7)


async def test_the_year_is_the_local_calendar_year(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _made(sessions, clock)
    # 31/12/2026 17:30 UTC is already 01/01/2027 in Gia Lai: this year's trainings drop out.
    clock.current = clock.current.replace(month=12, day=31, hour=17, minute=30)
    found = await _collect(sessions, PROVINCE, clock)
    assert found.training.year == 2027
    assert found.training.total() == Share(0, 7)
