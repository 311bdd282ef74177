"""Reading a person's answers: name and phone (registration and /hoso), and free text."""

from bot.conversation import Retry, Turn
from bot.events import Kind
from bot.texts import registration as t
from bot.texts.validation import explain, explain_text
from models import registrations
from models.validators import (
    InvalidInput,
    TextRefused,
    TextRule,
    clean_text,
    normalize_full_name,
    normalize_vn_mobile,
)

# What may be searched for: a name, part of one, or a phone number.
SEARCH_RULE = TextRule(1, 100, digits_count=True)


def full_name(turn: Turn) -> str | Retry:
    """The typed full name, normalised, or a re-ask explaining what is wrong."""
    try:
        return normalize_full_name(turn.text)
    except InvalidInput as error:
        return Retry(explain(error.code, suggestion=error.suggestion))


async def phone(turn: Turn, *, member_id: int | None, taken_ok: bool = False) -> str | Retry:
    """The mobile number typed or shared, in E.164, if valid and not someone else's
    (`taken_ok`: someone else's too; the caller decides)."""
    event = turn.ctx.event
    if event.kind == Kind.CONTACT and event.contact_is_own is False:
        return Retry(explain("phone_not_own"))
    raw = (event.contact_phone or "") if event.kind == Kind.CONTACT else turn.text
    try:
        number = normalize_vn_mobile(raw)
    except InvalidInput as error:
        return Retry(explain(error.code, suggestion=error.suggestion))
    if not taken_ok and await registrations.phone_taken(
        turn.ctx.session, phone=number, member_id=member_id
    ):
        return Retry(t.PHONE_TAKEN)
    return number


def free_text(
    raw: str,
    rule: TextRule,
    field: str,
    *,
    too_short: str | None = None,
    too_long: str | None = None,
) -> str | Retry:
    """The answer cleaned and checked by `rule`, or a re-ask saying what is wrong.

    `field` names the answer in the sentence (a key of bot.texts.validation.FIELDS);
    `too_short`/`too_long` replace the generic sentences for a step that has its own
    (they may use {length}, {count}, {limit}, {minimum} and {excess}).
    """
    try:
        return clean_text(raw, rule)
    except TextRefused as error:
        own = {"text_too_short": too_short, "text_too_long": too_long}.get(error.code)
        if own is not None:
            return Retry(
                own.format(
                    length=error.length,
                    count=error.length,
                    limit=rule.max_chars,
                    minimum=rule.min_chars,
                    excess=error.length - rule.max_chars,
                )
            )
        return Retry(explain_text(error.code, field=field, length=error.length, limit=error.limit))


def search_text(raw: str) -> str | Retry:
    """A typed search (a name or a phone number), cleaned, or a re-ask saying what is wrong."""
    return free_text(raw, SEARCH_RULE, "search")
