"""The Telegram webhook endpoint: checks the secret header, then queues the update."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import Route

from bot.channels.webhooks import secret_webhook

if TYPE_CHECKING:
    from bot.channels.telegram import TelegramChannel

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_route(channel: TelegramChannel) -> Route:
    """The POST route Telegram delivers updates to."""
    return secret_webhook(
        name="telegram",
        path=WEBHOOK_PATH,
        header=SECRET_HEADER,
        secret_ok=channel.webhook_secret_ok,
        take=channel.feed_webhook,
    )
