"""Loading and validating the configuration, and how the CLI reports a bad one."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

import pytest

from bot import cli
from bot.config import Config, ConfigError, build, load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "config.example.toml"
TOKEN = "123456:TEST-token-abcdefghijklmnop"
SECRET = "webhook-secret_0123456789"


def telegram(**values: Any) -> dict[str, Any]:
    """A raw configuration with an enabled Telegram section."""
    return {"telegram": {"enabled": True, "token": TOKEN, **values}}


def test_defaults() -> None:
    config = build({}, environ={})
    assert isinstance(config, Config)
    assert config.bot.timezone == "Asia/Ho_Chi_Minh"
    assert str(config.zone) == "Asia/Ho_Chi_Minh"
    assert config.bot.conversation_timeout_hours == 24
    assert config.database.url == "sqlite+aiosqlite:///data/mangluoi.db"
    assert (config.web.host, config.web.port, config.web.webchat_enabled) == (
        "127.0.0.1",
        8080,
        False,
    )
    assert not config.telegram.enabled and config.telegram.mode == "polling"
    assert config.telegram.api_base_url == "https://api.telegram.org"
    assert (config.quiet_hours.start, config.quiet_hours.end) == (time(21), time(6, 30))
    assert config.units.catalog == "2024"
    assert config.secrets() == []


def test_environment_overrides_the_file() -> None:
    environ = {
        "MANGLUOI_TELEGRAM_TOKEN": TOKEN,
        "MANGLUOI_DATABASE_URL": "postgresql+asyncpg://bot@db/mangluoi",
        "UNRELATED": "x",
    }
    raw = {"telegram": {"enabled": True, "token": "PUT-YOUR-TOKEN-HERE"}}
    config = build(raw, environ=environ)
    assert config.telegram.token == TOKEN
    assert config.database.url == "postgresql+asyncpg://bot@db/mangluoi"
    assert config.secrets() == [TOKEN]
    assert raw["telegram"]["token"] == "PUT-YOUR-TOKEN-HERE"


def test_the_process_environment_is_used_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANGLUOI_TELEGRAM_TOKEN", TOKEN)
    assert build({"telegram": {"enabled": True}}).telegram.token == TOKEN


@pytest.mark.parametrize("token", ["", "   ", "PUT-YOUR-TOKEN-HERE", "<token>", "CHANGE-ME"])
def test_a_missing_or_placeholder_token_is_refused(token: str) -> None:
    with pytest.raises(ConfigError, match=r"^telegram\.token: ") as caught:
        build({"telegram": {"enabled": True, "token": token}}, environ={})
    assert "MANGLUOI_TELEGRAM_TOKEN" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_placeholder_token_is_fine_while_telegram_is_off() -> None:
    config = build({"telegram": {"enabled": False, "token": "PUT-YOUR-TOKEN-HERE"}}, environ={})
    assert not config.telegram.enabled


def test_zalo_token_is_required_when_enabled() -> None:
    with pytest.raises(ConfigError, match=r"^zalo\.token: "):
        build({"zalo": {"enabled": True}}, environ={})


def test_zalo_can_be_enabled_with_a_token() -> None:
    raw = {"zalo": {"enabled": True, "token": "zalo-token-0123456789"}}
    config = build(raw, environ={})
    zalo = config.zalo
    assert zalo.enabled and zalo.mode == "polling"
    assert zalo.api_base_url == "https://bot-api.zaloplatforms.com"
    assert (zalo.messages_per_second, zalo.per_chat_per_second) == (5, 0.5)
    assert config.secrets() == ["zalo-token-0123456789"]
    assert not build({"zalo": {"enabled": False, "token": "x"}}, environ={}).zalo.enabled


def test_zalo_token_and_secret_come_from_the_environment() -> None:
    environ = {
        "MANGLUOI_ZALO_TOKEN": "zalo-token-0123456789",
        "MANGLUOI_ZALO_WEBHOOK_SECRET": "bi-mat-zalo",
    }
    raw = {
        "zalo": {
            "enabled": True,
            "token": "PUT-YOUR-TOKEN-HERE",
            "mode": "webhook",
            "webhook_url": "https://bot.example.vn/zalo/webhook",
        }
    }
    zalo = build(raw, environ=environ).zalo
    assert (zalo.token, zalo.webhook_secret) == ("zalo-token-0123456789", "bi-mat-zalo")


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"webhook_url": "http://bot.example.vn/zalo/webhook"}, "zalo.webhook_url"),
        ({"webhook_secret": "short"}, "zalo.webhook_secret"),
        ({"webhook_secret": "x" * 257}, "zalo.webhook_secret"),
        ({"webhook_secret": "có dấu cách"}, "zalo.webhook_secret"),
        ({"webhook_secret": "CHANGE-ME-please"}, "zalo.webhook_secret"),
    ],
)
def test_zalo_webhook_mode_needs_an_https_url_and_a_usable_secret(
    values: dict[str, str], key: str
) -> None:
    section = {
        "enabled": True,
        "token": "zalo-token-0123456789",
        "mode": "webhook",
        "webhook_url": "https://bot.example.vn/zalo/webhook",
        "webhook_secret": "bi-mat-zalo-8",
        **values,
    }
    with pytest.raises(ConfigError, match=rf"^{key}: ") as caught:
        build({"zalo": section}, environ={})
    assert "\n" not in str(caught.value)
    assert "zalo-token-0123456789" not in str(caught.value)


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"mode": "push"}, "zalo.mode"),
        ({"messages_per_second": 0}, "zalo.messages_per_second"),
        ({"per_chat_per_second": -1}, "zalo.per_chat_per_second"),
    ],
)
def test_bad_zalo_values_name_their_key(values: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{key}: "):
        build({"zalo": {"enabled": False, **values}}, environ={})


def test_cli_refuses_a_bad_zalo_webhook_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MANGLUOI_ZALO_TOKEN", "zalo-token-0123456789")
    path = tmp_path / "config.toml"
    path.write_text('[zalo]\nenabled = true\nmode = "webhook"\n', "utf-8")
    assert cli.main(["run", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "zalo.webhook_url" in err
    assert "Traceback" not in err
    assert "zalo-token-0123456789" not in err


@pytest.mark.parametrize("zone", ["Mars/Base", "", "../etc/passwd"])
def test_an_unknown_time_zone_is_refused(zone: str) -> None:
    with pytest.raises(ConfigError, match=r"^bot\.timezone: .*unknown time zone"):
        build({"bot": {"timezone": zone}}, environ={})


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"bot": {"nmae": "x"}}, "bot.nmae"),
        ({"telegram": {"enabled": False, "tokn": "x"}}, "telegram.tokn"),
        ({"databse": {"url": "x"}}, "databse"),
        ({"timezone": "Asia/Ho_Chi_Minh"}, "timezone"),
    ],
)
def test_an_unknown_key_is_named(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        build(raw, environ={})
    assert str(caught.value) == f"{key}: khoá không được hỗ trợ / unknown key"


def test_a_section_that_is_not_a_table_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"^telegram: "):
        build({"telegram": "on"}, environ={"MANGLUOI_TELEGRAM_TOKEN": TOKEN})


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"database": {"url": "sqlite:///x.db"}}, "database.url"),
        ({"web": {"port": 70000}}, "web.port"),
        ({"bot": {"conversation_timeout_hours": 0}}, "bot.conversation_timeout_hours"),
        ({"bot": {"admins": ["123456"]}}, "bot.admins"),
        ({"telegram": {"mode": "push"}}, "telegram.mode"),
        ({"units": {"catalog": "2023"}}, "units.catalog"),
        ({"web": {"metrics_token": "short"}}, "web.metrics_token"),
        ({"web": {"metrics_token": "CHANGE-ME-CHANGE-ME-1234"}}, "web.metrics_token"),
        ({"retention": {"outbox_days": -1}}, "retention.outbox_days"),
        ({"retention": {"attachment_days": "long"}}, "retention.attachment_days"),
        ({"web": {"public_base_url": "http://bot.example.vn"}}, "web.public_base_url"),
        ({"web": {"public_base_url": "bot.example.vn"}}, "web.public_base_url"),
        ({"web": {"public_base_url": "https://bot.example.vn/?a=1"}}, "web.public_base_url"),
        ({"web": {"file_link_hours": 0}}, "web.file_link_hours"),
        ({"web": {"file_link_hours": 169}}, "web.file_link_hours"),
    ],
)
def test_bad_values_name_their_key(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{key}: "):
        build(raw, environ={})


def test_the_public_address_is_https_or_this_machine() -> None:
    assert build({}, environ={}).web.public_base_url == ""
    assert build({}, environ={}).web.file_link_hours == 24
    web = build({"web": {"public_base_url": "https://bot.example.vn/mangluoi/"}}, environ={}).web
    assert web.public_base_url == "https://bot.example.vn/mangluoi"
    local = build({"web": {"public_base_url": "http://127.0.0.1:8080"}}, environ={}).web
    assert local.public_base_url == "http://127.0.0.1:8080"


def test_webhook_mode_needs_an_https_url() -> None:
    for url in ("", "http://bot.example.vn/telegram/webhook"):
        with pytest.raises(ConfigError, match=r"^telegram\.webhook_url: "):
            build(telegram(mode="webhook", webhook_url=url, webhook_secret=SECRET), environ={})


@pytest.mark.parametrize(
    "secret", ["", "short-secret", "CHANGE-ME-CHANGE-ME", "có dấu và space!!"]
)
def test_webhook_mode_needs_a_usable_secret(secret: str) -> None:
    raw = telegram(
        mode="webhook",
        webhook_url="https://bot.example.vn/telegram/webhook",
        webhook_secret=secret,
    )
    with pytest.raises(ConfigError, match=r"^telegram\.webhook_secret: "):
        build(raw, environ={})


def test_webhook_mode_with_url_and_secret() -> None:
    raw = telegram(mode="webhook", webhook_url="https://bot.example.vn/telegram/webhook")
    config = build(raw, environ={"MANGLUOI_TELEGRAM_WEBHOOK_SECRET": SECRET})
    assert config.telegram.webhook_secret == SECRET
    assert sorted(config.secrets()) == sorted([TOKEN, SECRET])


def test_load_reads_toml(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[bot]\ntimezone = "Asia/Bangkok"\nadmins = ["telegram:42"]\n'
        '[telegram]\nenabled = true\ntoken = "' + TOKEN + '"\n'
        "[quiet_hours]\nstart = 22:00:00\n",
        encoding="utf-8",
    )
    config = load(path, environ={})
    assert config.bot.timezone == "Asia/Bangkok"
    assert config.bot.admins == ["telegram:42"]
    assert config.telegram.token == TOKEN
    assert config.quiet_hours.start == time(22)


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="không đọc được") as caught:
        load(tmp_path / "missing.toml", environ={})
    assert str(tmp_path / "missing.toml") in str(caught.value)
    with pytest.raises(ConfigError, match="không đọc được"):
        load(tmp_path, environ={})


def test_invalid_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[bot]\nname = "ok"\ntimezone = \n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"TOML không hợp lệ.*line 3") as caught:
        load(path, environ={})
    assert "\n" not in str(caught.value)


def test_metrics_token_and_retention() -> None:
    defaults = build({}, environ={})
    assert defaults.web.metrics_token == ""
    assert (defaults.retention.outbox_days, defaults.retention.attachment_days) == (180, 180)
    token = "scrape-token-0123456789"
    config = build(
        {"retention": {"outbox_days": 0}}, environ={"MANGLUOI_WEB_METRICS_TOKEN": token}
    )
    assert config.web.metrics_token == token
    assert token in config.secrets()  # masked in every log line
    assert config.retention.outbox_days == 0


def test_the_example_configuration_parses() -> None:
    if not EXAMPLE.exists():
        pytest.skip("config.example.toml is not there yet")
    with pytest.raises(ConfigError, match=r"^telegram\.token: "):
        load(EXAMPLE, environ={})
    config = load(EXAMPLE, environ={"MANGLUOI_TELEGRAM_TOKEN": TOKEN})
    assert config.telegram.enabled and config.telegram.token == TOKEN
    assert config.bot.timezone == "Asia/Ho_Chi_Minh"
    assert config.web.webchat_enabled is False
    assert config.zalo.enabled is False and config.zalo.mode == "polling"
    assert config.zalo.per_chat_per_second == 0.5
    assert config.web.metrics_token == ""
    assert config.retention.outbox_days == 180 and config.retention.attachment_days == 180


def test_cli_reports_a_missing_config_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.toml"
    assert cli.main(["run", "--config", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert str(missing) in lines[0]
    assert "Traceback" not in captured.err


def test_cli_reports_a_placeholder_token_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MANGLUOI_TELEGRAM_TOKEN", raising=False)
    path = tmp_path / "config.toml"
    path.write_text('[telegram]\nenabled = true\ntoken = "PUT-YOUR-TOKEN-HERE"\n', "utf-8")
    assert cli.main(["run", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "telegram.token" in err and "Traceback" not in err


def test_database_commands_need_no_messenger_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MANGLUOI_TELEGRAM_TOKEN", raising=False)
    path = tmp_path / "config.toml"
    database = tmp_path / "bot.db"
    path.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{database}"\n'
        '[telegram]\nenabled = true\ntoken = "PUT-YOUR-TOKEN-HERE"\n',
        "utf-8",
    )
    assert cli.main(["db", "upgrade", "--config", str(path)]) == 0
    assert cli.main(["db", "current", "--config", str(path)]) == 0
    assert "telegram.token" not in capsys.readouterr().err
    assert database.exists()
