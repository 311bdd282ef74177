"""`mangluoi units migrate --to 2025`: members, teams, scopes, invites and requests move through
the official map; what the map cannot decide is reported; --dry-run changes nothing."""

from __future__ import annotations

import asyncio
import functools
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot import cli, unit_migration
from bot.app import BotApp
from models import invites, members, organisations, teams, unit_changes
from models.invites import Invite
from models.members import Member
from models.teams import Team
from models.unit_changes import UnitChangeRequest
from models.unit_migration import REASON_DISTRICT, REASON_SPLIT, target_of
from tests.integration.registering import actions, grant, member_of, register
from tests.utils.chat import ChatDriver


async def _seed(app: BotApp, chat: ChatDriver) -> None:
    await register(chat, "khach")  # commune staff of Ia Sao, with the commune's committee
    await grant(app, "iayok", role="coordinator", scope_code="23768", name="Đỗ Văn Khoa")
    async with app.sessions() as session:
        for code in ("23767", "23768"):  # Ia Sao and Ia Yok both become the new Ia Hrung
            await teams.create(
                session,
                name=f"Tổ làng Kép {code}",
                catalog="2024",
                code=code,
                village="Làng Kép",
                leader_member_id=None,
                created_by=None,
            )
        await invites.create(
            session,
            created_by=1,
            expires_at=app.services.clock() + timedelta(days=30),
            max_uses=5,
            auto_approve=False,
            category="cong_chuc_xa",
            unit_catalog="2024",
            unit_code="23773",
        )
        xa = await member_of(app, "xa")
        assert xa is not None
        stored = await members.get_member(session, member_id=xa.id or 0)
        assert stored is not None
        await unit_changes.request(
            session,
            member=stored,
            to_catalog="2024",
            to_code="23791",
            organisation_id=None,
            now=app.services.clock(),
        )
        await session.commit()


async def _units(app: BotApp) -> dict[str, tuple[str | None, str | None]]:
    async with app.sessions() as session:
        rows = (await session.execute(select(Member))).scalars()
        return {m.full_name: (m.unit_catalog, m.unit_code) for m in rows}


async def test_dry_run_reports_and_changes_nothing(chat: ChatDriver, app: BotApp) -> None:
    await _seed(app, chat)
    before = await _units(app)
    report, text = await unit_migration.run(app.config, to="2025", dry_run=True)
    assert report.moved["member"] == 3  # xa, totruong and the new member
    assert report.moved["scope"] == 1  # the Ia Yok coordinator
    assert "chạy thử" in text and "Đã chuyển 3 thành viên" in text
    assert await _units(app) == before
    assert await actions(app, "units.migrate") == []


async def test_migration_moves_rows_and_reports_decisions(chat: ChatDriver, app: BotApp) -> None:
    await _seed(app, chat)
    report, text = await unit_migration.run(app.config, to="2025", dry_run=False)
    units = await _units(app)
    assert units["Phạm Thị Dung"] == ("2025", "23767")
    assert units["Lê Văn Cường"] == ("2024", "628")  # a district: a person decides
    assert units["Đỗ Văn Khoa"] == (None, None)
    problems = {(p.kind, p.reason) for p in report.problems}
    assert ("member", REASON_DISTRICT) in problems and ("scope", REASON_DISTRICT) in problems
    assert ("team", "village_clash") in problems
    assert "Cần người quyết định" in text and "cấp huyện" in text

    async with app.sessions() as session:
        khoa = await member_of(app, "iayok")
        assert khoa is not None and (khoa.scope_catalog, khoa.scope_code) == ("2025", "23767")
        moved_teams = (await session.execute(select(Team))).scalars().all()
        assert {(t.unit_catalog, t.unit_code) for t in moved_teams} == {("2025", "23767")}
        invite = (await session.execute(select(Invite))).scalar_one()
        assert (invite.unit_catalog, invite.unit_code, invite.revoked_at) == (
            "2025",
            "23776",
            None,
        )
        change = (await session.execute(select(UnitChangeRequest))).scalar_one()
        assert (change.to_catalog, change.to_code) == ("2025", "23611")
        newcomer = await member_of(app, "khach")
        assert newcomer is not None and newcomer.organisation_id is not None
        org = await organisations.get(session, organisation_id=newcomer.organisation_id)
        assert org is not None and (org.unit_catalog, org.unit_code) == ("2025", "23767")
    assert len(await actions(app, "units.migrate")) == 1


def test_split_and_district_codes_need_a_person() -> None:
    assert target_of("628")[:2] == (None, REASON_DISTRICT)
    code, reason, candidates = target_of("21634")  # a Bình Định commune that was split
    assert (code, reason) == (None, REASON_SPLIT) and len(candidates) > 1
    assert target_of("23768")[0] == "23767"


async def test_cli_prints_the_report(
    app: BotApp, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    args = ["units", "migrate", "--to", "2025", "--dry-run", "--config", str(config)]
    run = functools.partial(cli.main, args, clock=app.services.clock)
    assert await asyncio.to_thread(run) == 0
    out = capsys.readouterr().out
    assert "chạy thử" in out and "Đã chuyển 2 thành viên" in out
