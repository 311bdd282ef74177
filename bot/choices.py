"""Typed answers to choices: a number ("2", "2.", "số 2") or a label ("tham gia") read as the
button it names, on every channel (Zalo has no buttons; many people simply type).

Every set of options the bot shows is numbered (models.options). A set shown outside a
conversation — the menu, a pushed announcement, a correction, an eve reminder or nudge, an
approval request, any command's buttons — becomes the person's *last shown set*, kept in the
database per channel account, so another process or a restarted one reads it the same way.
A conversation's own questions are not last shown sets: the open conversation keeps them.

Precedence for one message (the first rule that applies wins):

1. A pressed button: its token says what it is (a forged or unknown one: "Nút này đã cũ" and,
   inside a conversation, its question again; outside one, the menu).
2. An open conversation takes what its current step claims, exactly as before: a free-text
   step takes any text (there "1" or "2" is the answer, not back or cancel, and "Tham gia" is
   text); an options-only step takes its options' numbers and labels, `Quay lại`/`Hủy` and
   every other number (numbers always belong to the question the person is answering, so an
   out-of-range number gets "choose one of the options" and the question again).
3. Inside a conversation, a typed label the step does not claim is read against the last shown
   set only if that set arrived after the step's question (an announcement or an approval
   request pushed mid-flow): it is answered as its button would be, and the conversation's
   question is asked again, so the flow goes on where it was. A set shown before the question
   (the menu that started the flow) is not reached this way, so typing a menu label mid-flow
   never replaces the flow. Anything else goes to the step as before.
4. Outside a conversation, a command runs.
5. Outside a conversation, a number or label of the last shown set is answered as if its button
   had been pressed. A number not in that set (out of range, or from an older message) gets a
   polite sentence and the set again: its labels numbered, with the buttons. A number with no
   set to answer gets the menu.
6. Any other text gets the menu.

So a pushed message never changes or ends an open conversation. What a commune official sees
is what is read: the numbers of the question being answered belong to it; once the flow is
over, a typed number answers the latest message with choices outside it (the announcement
received meanwhile, or the menu if one was shown after it). Pushed messages become the last
shown set when the sender prepares them, just before they are sent.
"""

from __future__ import annotations

import dataclasses

from bot.context import Context
from bot.events import Kind, Option
from bot.texts import common as t
from models import options
from models.options import ResolvedOption, ShownOption, ShownSet


async def last_shown(ctx: Context) -> ShownSet | None:
    """The last set of options shown to the person outside a conversation, if any."""
    return await options.last_shown(
        ctx.session, channel=ctx.event.channel, external_id=ctx.event.external_id
    )


def typed_pick(shown: ShownSet | None, text: str) -> ShownOption | None:
    """The option of `shown` that a typed number or label names, if any."""
    if shown is None:
        return None
    number = options.typed_number(text)
    if number is not None:
        return shown.numbered(number)
    return shown.labelled(text)


def press(ctx: Context, option: ShownOption) -> ResolvedOption:
    """Turn the message in `ctx` into the press of `option`'s button; return the option."""
    ctx.event = dataclasses.replace(
        ctx.event, kind=Kind.OPTION, text="", option_token=option.token
    )
    ctx.option = option.resolved
    return ctx.option


def repeat(ctx: Context, shown: ShownSet, number: int) -> None:
    """Say that `number` is not one of the choices, and show the last set again."""
    lines = [t.CHOICE_NOT_SHOWN.format(number=number)]
    if shown.heading:
        lines.append(t.CHOICES_AGAIN.format(heading=shown.heading))
    else:
        lines.append(t.CHOICES_AGAIN_PLAIN)
    lines.extend(f"{option.number}. {option.label}" for option in shown.options)
    lines.append(t.CHOICES_HINT)
    buttons = [Option(option.label, option.value) for option in shown.options]
    ctx.say("\n".join(lines), buttons, columns=shown.columns)
