"""The Zalo webhook endpoint: checks the secret header, then takes the update in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from starlette.routing import Route

from bot.channels.webhooks import secret_webhook

if TYPE_CHECKING:
    from bot.channels.zalo import ZaloChannel

WEBHOOK_PATH = "/zalo/webhook"
SECRET_HEADER = "X-Bot-Api-Secret-Token"


def webhook_route(channel: ZaloChannel) -> Route:
    """The POST route Zalo delivers updates to; 500 when the update cannot be recorded as
    seen (Zalo then delivers it again)."""
    return secret_webhook(
        name="zalo",
        path=WEBHOOK_PATH,
        header=SECRET_HEADER,
        secret_ok=channel.webhook_secret_ok,
        take=channel.take,
        retry_on=(SQLAlchemyError,),
    )
