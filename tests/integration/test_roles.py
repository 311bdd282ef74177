"""Roles: /phanquyen in chat and `mangluoi admin revoke`, always audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import cli
from bot.app import BotApp
from tests.integration.registering import actions_about, member_of, queued_texts
from tests.utils.chat import ChatDriver


async def test_admin_makes_a_member_commune_coordinator(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("admin", "/phanquyen")
    await chat.send("admin", "phạm thị dung")
    await chat.press("admin", "Phạm Thị Dung")
    await chat.press("admin", "Điều phối viên")
    await chat.press("admin", "Một xã")
    await chat.send("admin", "ia sao")
    await chat.press("admin", "Xã Ia Sao, Huyện Ia Grai")
    assert "Thành viên → Điều phối viên (Xã Ia Sao, Huyện Ia Grai)" in chat.text("admin")
    await chat.press("admin", "Xác nhận")
    assert "Đã đổi vai trò" in chat.text("admin")

    xa = await member_of(app, "xa")
    assert xa is not None and xa.id is not None
    assert (xa.role, xa.scope_catalog, xa.scope_code) == ("coordinator", "2024", "23767")
    admin = await member_of(app, "admin")
    entries = await actions_about(app, xa.id)
    assert entries[-1] == (
        "role.change",
        {"from": ["member", None, None], "to": ["coordinator", "2024", "23767"]},
    )
    assert admin is not None
    assert any("Điều phối viên" in t for t in await queued_texts(app, xa.id))
    await chat.send("xa", "/choduyet")
    assert "Không có đăng ký nào" in chat.text("xa")


async def test_admin_cannot_change_their_own_role(chat: ChatDriver, app: BotApp) -> None:
    await chat.send("admin", "/phanquyen")
    await chat.send("admin", "Nguyễn Văn An")
    await chat.press("admin", "Nguyễn Văn An")
    assert "không thể tự đổi" in chat.text("admin")


async def test_only_admins_change_roles(chat: ChatDriver) -> None:
    await chat.send("huyen", "/phanquyen")
    assert "chỉ dành cho quản trị viên" in chat.text("huyen")
    assert "Phạm Thị Dung" not in chat.text("huyen")


async def test_cli_revoke_takes_the_role_back(
    app: BotApp, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    code = await _run_cli(
        ["admin", "revoke", "--channel", "webchat", "--user-id", "huyen"], config, app
    )
    assert code == 0 and "Đã thu hồi" in capsys.readouterr().out
    huyen = await member_of(app, "huyen")
    assert huyen is not None and huyen.id is not None
    assert (huyen.role, huyen.scope_code) == ("member", None)
    assert (await actions_about(app, huyen.id))[-1][0] == "role.change"

    revoke = ["admin", "revoke", "--channel", "webchat", "--user-id", "ai"]
    code = await _run_cli(revoke, config, app)
    assert code == 1


async def _run_cli(args: list[str], config: Path, app: BotApp) -> int:
    """`mangluoi …` on the app's database, by the app's clock."""
    import asyncio
    import functools

    run = functools.partial(cli.main, [*args, "--config", str(config)], clock=app.services.clock)
    return await asyncio.to_thread(run)


async def test_cli_grant_checks_the_scope_code_against_the_catalog(
    app: BotApp, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    grant = ["admin", "grant", "--channel", "webchat", "--user-id", "huyen"]
    code = await _run_cli([*grant, "--role", "coordinator", "--scope-code", "9999"], config, app)
    assert code == 2
    assert "--scope-code 9999" in capsys.readouterr().err
    huyen = await member_of(app, "huyen")
    assert huyen is not None and huyen.scope_code == "628"

    code = await _run_cli([*grant, "--role", "admin", "--scope-code", "628"], config, app)
    assert code == 2 and "chỉ dùng với --role coordinator" in capsys.readouterr().err

    code = await _run_cli([*grant, "--role", "coordinator", "--scope-code", "23620"], config, app)
    out = capsys.readouterr().out
    assert code == 0 and "→" in out and "huyen" in out
    huyen = await member_of(app, "huyen")
    assert huyen is not None and (huyen.scope_catalog, huyen.scope_code) == ("2024", "23620")


async def test_cli_asks_before_removing_an_admin(
    app: BotApp, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    grant = ["admin", "grant", "--channel", "webchat", "--user-id", "admin"]
    code = await _run_cli([*grant, "--role", "coordinator"], config, app)
    assert code == 1 and "--yes" in capsys.readouterr().err
    admin = await member_of(app, "admin")
    assert admin is not None and admin.role == "admin"

    revoke = ["admin", "revoke", "--channel", "webchat", "--user-id", "admin"]
    assert await _run_cli(revoke, config, app) == 1
    admin = await member_of(app, "admin")
    assert admin is not None and admin.role == "admin"

    code = await _run_cli([*grant, "--role", "coordinator", "--yes"], config, app)
    out = capsys.readouterr().out
    assert code == 0 and "quản trị viên → điều phối viên (toàn tỉnh)" in out
    admin = await member_of(app, "admin")
    assert admin is not None and admin.role == "coordinator"
    assert admin.id is not None
    assert (await actions_about(app, admin.id))[-1][0] == "role.change"
