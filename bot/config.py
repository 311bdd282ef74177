"""Typed configuration, loaded once from TOML with secrets optionally from the environment."""

import os
import re
import tomllib
from datetime import time
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy.engine import make_url

from bot.texts import tasks as tt
from models import reminder_schedule, task_timing

PLACEHOLDER_MARKERS = ("PUT-YOUR", "YOUR-TOKEN", "CHANGE-ME", "<")
# Telegram accepts only these characters in a webhook secret token.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")
# Zalo asks for 8–256 characters; it comes back in an HTTP header, so visible ASCII only.
ZALO_WEBHOOK_SECRET = re.compile(r"[\x21-\x7e]{8,256}")
# A public address may be plain http only on this machine (trying things out, tests).
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "MANGLUOI_TELEGRAM_TOKEN": ("telegram", "token"),
    "MANGLUOI_TELEGRAM_WEBHOOK_SECRET": ("telegram", "webhook_secret"),
    "MANGLUOI_ZALO_TOKEN": ("zalo", "token"),
    "MANGLUOI_ZALO_WEBHOOK_SECRET": ("zalo", "webhook_secret"),
    "MANGLUOI_DATABASE_URL": ("database", "url"),
    "MANGLUOI_WEB_METRICS_TOKEN": ("web", "metrics_token"),
}


class ConfigError(Exception):
    """The configuration cannot be used; the message names the key and fits on one line."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BotSection(_Section):
    """General settings."""

    name: str = "Mạng lưới chuyển đổi số Gia Lai"
    timezone: str = "Asia/Ho_Chi_Minh"
    conversation_timeout_hours: float = Field(default=24, gt=0)
    admins: list[str] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"không biết múi giờ '{value}' / unknown time zone") from error
        return value

    @field_validator("admins")
    @classmethod
    def _admin_form(cls, value: list[str]) -> list[str]:
        for entry in value:
            channel, _, user_id = entry.partition(":")
            if channel not in ("telegram", "zalo", "webchat") or not user_id:
                raise ValueError(f"'{entry}' phải có dạng 'telegram:123456789'")
        return value


class DatabaseSection(_Section):
    """Where the data lives."""

    url: str = "sqlite+aiosqlite:///data/mangluoi.db"

    @field_validator("url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("dùng 'sqlite+aiosqlite:///…' hoặc 'postgresql+asyncpg://…'")
        return value


class WebSection(_Section):
    """The web server: health check, webhooks and the web chat."""

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    webchat_enabled: bool = False
    metrics_token: str = ""
    """When set, `GET /metrics` requires `Authorization: Bearer <metrics_token>`."""
    public_base_url: str = ""
    """This server's address as the internet sees it (https); when set, files for people on
    a messenger without files (Zalo) go as signed download links under `/files/`."""
    file_link_hours: int = Field(default=24, ge=1, le=168)
    """How long a download link works (hours)."""

    @field_validator("public_base_url")
    @classmethod
    def _public_address(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value:
            return value
        parsed = urlsplit(value)
        local = parsed.scheme == "http" and parsed.hostname in LOCAL_HOSTS
        if (parsed.scheme != "https" and not local) or not parsed.hostname:
            raise ValueError(
                "cần một URL https:// (http:// chỉ cho 127.0.0.1), hoặc để trống / "
                "needs an https:// URL (http:// only for 127.0.0.1), or empty"
            )
        if parsed.query or parsed.fragment:
            raise ValueError("URL không được có ?… hay #… / no query or fragment")
        return value

    @field_validator("metrics_token")
    @classmethod
    def _strong_token(cls, value: str) -> str:
        if value and (len(value) < 16 or _is_placeholder(value)):
            raise ValueError("cần chuỗi bí mật ít nhất 16 ký tự, hoặc để trống / min. 16 chars")
        return value


class TelegramSection(_Section):
    """The Telegram channel."""

    enabled: bool = False
    token: str = ""
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str = ""
    webhook_secret: str = ""
    api_base_url: str = "https://api.telegram.org"
    messages_per_second: float = Field(default=30, gt=0)
    per_chat_per_second: float = Field(default=1, gt=0)
    connection_pool_size: int = Field(default=64, ge=1)
    send_timeout: float = Field(default=15, gt=0)


class ZaloSection(_Section):
    """The Zalo channel (Zalo Bot Platform). Zalo publishes no send limits: the defaults are
    deliberately slow."""

    enabled: bool = False
    token: str = ""
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str = ""
    webhook_secret: str = ""
    api_base_url: str = "https://bot-api.zaloplatforms.com"
    messages_per_second: float = Field(default=5, gt=0)
    per_chat_per_second: float = Field(default=0.5, gt=0)


class QuietHoursSection(_Section):
    """Hours in which non-urgent messages wait (local time)."""

    start: time = time(21, 0)
    end: time = time(6, 30)


class RetentionSection(_Section):
    """How long sent messages and uploaded files (announcement attachments, check-in
    evidence) are kept (days; 0 keeps them forever).

    Delivery figures of announcements are kept when their outbox rows go. The records of
    deadline reminders and escalations older than `outbox_days` go once their deadline can
    no longer remind.
    """

    outbox_days: int = Field(default=180, ge=0)
    attachment_days: int = Field(default=180, ge=0)


class UnitsSection(_Section):
    """Which official catalog of administrative units is in force."""

    catalog: Literal["2024", "2025"] = "2024"


class TasksSection(_Section):
    """Tasks of the plan: the day of the year a yearly task is due (unless the task says),
    and the deadline reminders: days before (negative: overdue), the repeat while overdue,
    the local hour they go at, and after how many days late coordinators are told."""

    yearly_deadline: str = "15/12"
    reminder_offsets: list[int] = Field(
        default_factory=lambda: list(reminder_schedule.DEFAULT_OFFSETS)
    )
    overdue_every_days: int = Field(default=7, ge=0, le=366)
    reminder_hour: time = time(8, 0)
    escalate_after_days: int = Field(default=3, ge=1, le=366)

    @field_validator("reminder_offsets")
    @classmethod
    def _offsets(cls, value: list[int]) -> list[int]:
        if not value or any(abs(v) > reminder_schedule.MAX_OFFSET for v in value):
            raise ValueError(tt.CONFIG_BAD_OFFSETS.format(limit=reminder_schedule.MAX_OFFSET))
        return sorted(set(value), reverse=True)

    @field_validator("yearly_deadline")
    @classmethod
    def _day_month(cls, value: str) -> str:
        if task_timing.parse_day_month(value) is None:
            raise ValueError(tt.CONFIG_BAD_YEARLY_DAY.format(value=value))
        return value

    @property
    def yearly_day(self) -> tuple[int, int]:
        """The yearly deadline as (day, month)."""
        day_month = task_timing.parse_day_month(self.yearly_deadline)
        assert day_month is not None
        return day_month

    def reminder_rules(self, zone: ZoneInfo) -> reminder_schedule.Rules:
        """When deadline reminders go, in the configured zone."""
        return reminder_schedule.Rules(
            tuple(self.reminder_offsets), self.overdue_every_days, self.reminder_hour, zone
        )


class CheckinsSection(_Section):
    """Progress check-ins: the weekly digest each coordinator gets (late tasks in their scope,
    the response rate of their last round, new blockers), on a weekday (1 = Monday … 7 =
    Sunday) at a local hour."""

    digest_enabled: bool = True
    digest_weekday: int = Field(default=1, ge=1, le=7)
    digest_hour: time = time(8, 0)


class Config(_Section):
    """The whole configuration of one bot."""

    bot: BotSection = Field(default_factory=BotSection)
    database: DatabaseSection = Field(default_factory=DatabaseSection)
    web: WebSection = Field(default_factory=WebSection)
    telegram: TelegramSection = Field(default_factory=TelegramSection)
    zalo: ZaloSection = Field(default_factory=ZaloSection)
    quiet_hours: QuietHoursSection = Field(default_factory=QuietHoursSection)
    units: UnitsSection = Field(default_factory=UnitsSection)
    tasks: TasksSection = Field(default_factory=TasksSection)
    checkins: CheckinsSection = Field(default_factory=CheckinsSection)
    retention: RetentionSection = Field(default_factory=RetentionSection)

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.bot.timezone)

    def secrets(self) -> list[str]:
        """Every secret value, so logging can mask them."""
        values = [
            self.telegram.token,
            self.telegram.webhook_secret,
            self.zalo.token,
            self.zalo.webhook_secret,
            self.web.metrics_token,
            make_url(self.database.url).password or "",
        ]
        return [value for value in values if len(value) >= 6]


def _is_placeholder(value: str) -> bool:
    return not value.strip() or any(marker in value for marker in PLACEHOLDER_MARKERS)


def _check_secrets(config: Config) -> None:
    telegram = config.telegram
    if telegram.enabled:
        if _is_placeholder(telegram.token):
            raise ConfigError(
                "telegram.token: chưa có token thật của BotFather "
                "(đặt trong tệp cấu hình hoặc biến môi trường MANGLUOI_TELEGRAM_TOKEN)"
            )
        if telegram.mode == "webhook":
            if not telegram.webhook_url.startswith("https://"):
                raise ConfigError("telegram.webhook_url: chế độ webhook cần một URL https://")
            secret = telegram.webhook_secret
            if _is_placeholder(secret) or not WEBHOOK_SECRET.fullmatch(secret):
                raise ConfigError(
                    "telegram.webhook_secret: cần chuỗi bí mật 16–256 ký tự, chỉ gồm A-Z, a-z, "
                    "0-9, _ và - (hoặc MANGLUOI_TELEGRAM_WEBHOOK_SECRET)"
                )
    if config.zalo.enabled:
        _check_zalo(config.zalo)


def _check_zalo(zalo: ZaloSection) -> None:
    if _is_placeholder(zalo.token):
        raise ConfigError("zalo.token: chưa có token Zalo Bot (hoặc MANGLUOI_ZALO_TOKEN)")
    if zalo.mode == "webhook":
        if not zalo.webhook_url.startswith("https://"):
            raise ConfigError("zalo.webhook_url: chế độ webhook cần một URL https://")
        secret = zalo.webhook_secret
        if _is_placeholder(secret) or not ZALO_WEBHOOK_SECRET.fullmatch(secret):
            raise ConfigError(
                "zalo.webhook_secret: cần chuỗi bí mật 8–256 ký tự ASCII, không dấu cách "
                "(hoặc MANGLUOI_ZALO_WEBHOOK_SECRET)"
            )


def _apply_env(raw: dict[str, Any], environ: dict[str, str]) -> None:
    for variable, (section, key) in ENV_OVERRIDES.items():
        values = raw.setdefault(section, {})
        if environ.get(variable) and isinstance(values, dict):
            values[key] = environ[variable]


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"{key}: khoá không được hỗ trợ / unknown key"
    return f"{key}: {first['msg']}"


def build(
    raw: dict[str, Any], environ: dict[str, str] | None = None, *, channels: bool = True
) -> Config:
    """Validate a configuration given as a dict (TOML content), applying the environment.

    With `channels=False` (commands that only touch the database) the messengers' secrets
    are not required.
    """
    raw = {key: dict(value) if isinstance(value, dict) else value for key, value in raw.items()}
    _apply_env(raw, dict(os.environ) if environ is None else environ)
    try:
        config = Config.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(_first_error(error)) from None
    if channels:
        _check_secrets(config)
    return config


def load(path: Path, environ: dict[str, str] | None = None, *, channels: bool = True) -> Config:
    """Read and validate the TOML configuration file at `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình ({error.strerror})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: TOML không hợp lệ ({error})") from None
    return build(raw, environ, channels=channels)
