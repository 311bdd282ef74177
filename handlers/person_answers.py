"""Reading a person's name and phone from an answer, shared by registration and /hoso."""

from bot.conversation import Retry, Turn
from bot.events import Kind
from bot.texts import registration as t
from bot.texts.validation import explain
from models import registrations
from models.validators import InvalidInput, normalize_full_name, normalize_vn_mobile


def full_name(turn: Turn) -> str | Retry:
    """The typed full name, normalised, or a re-ask explaining what is wrong."""
    try:
        return normalize_full_name(turn.text)
    except InvalidInput as error:
        return Retry(explain(error.code, suggestion=error.suggestion))


async def phone(turn: Turn, *, member_id: int | None) -> str | Retry:
    """The mobile number typed or shared, in E.164, if valid and not someone else's."""
    event = turn.ctx.event
    raw = (event.contact_phone or "") if event.kind == Kind.CONTACT else turn.text
    try:
        number = normalize_vn_mobile(raw)
    except InvalidInput as error:
        return Retry(explain(error.code, suggestion=error.suggestion))
    if await registrations.phone_taken(turn.ctx.session, phone=number, member_id=member_id):
        return Retry(t.PHONE_TAKEN)
    return number
