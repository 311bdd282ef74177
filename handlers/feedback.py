"""Sending feedback to the admins: a two-step conversation (topic, then text)."""

from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.router import Command, Feature
from bot.texts import feedback as t
from bot.timefmt import show
from handlers import person_answers
from models import feedback
from models.members import Role
from models.validators import TextRule

MIN_LENGTH = 5
MAX_LENGTH = 2000
RULE = TextRule(MIN_LENGTH, MAX_LENGTH, multiline=True)


async def ask_topic(turn: Turn) -> Reply:
    """Ask what the feedback is about."""
    return Reply(t.ASK_TOPIC, tuple(Option(label, key) for key, label in t.TOPICS.items()))


async def read_topic(turn: Turn) -> Outcome:
    """Remember the chosen topic."""
    if turn.value not in t.TOPICS:
        return Retry(t.ASK_TOPIC)
    turn.data["topic"] = turn.value
    return Next("text")


async def ask_text(turn: Turn) -> Reply:
    """Ask for the feedback itself."""
    return Reply(t.ASK_TEXT.format(topic=t.TOPICS[turn.data["topic"]], limit=MAX_LENGTH))


async def read_text(turn: Turn) -> Outcome:
    """Validate and store the feedback."""
    text = person_answers.free_text(
        turn.ctx.event.text, RULE, "feedback", too_short=t.TOO_SHORT, too_long=t.TOO_LONG
    )
    if isinstance(text, Retry):
        return text
    ctx = turn.ctx
    await feedback.add(
        ctx.session,
        channel=ctx.event.channel,
        external_id=ctx.event.external_id,
        member_id=ctx.member.id if ctx.member else None,
        topic=turn.data["topic"],
        text=text,
    )
    ctx.say(t.THANKS)
    return Done()


async def begin(ctx: Context) -> None:
    """Start the feedback conversation."""
    await ctx.start_flow("feedback")


async def list_recent(ctx: Context) -> None:
    """Show admins the newest feedback."""
    rows = await feedback.recent(ctx.session, limit=10)
    if not rows:
        ctx.say(t.LIST_EMPTY)
        return
    lines = [t.LIST_HEADER]
    for row in rows:
        when = show(row.created_at, ctx.config.zone)
        lines.append(t.LIST_ITEM.format(time=when, topic=t.TOPICS[row.topic], text=row.text))
    ctx.say("\n".join(lines))


FLOW = Flow(
    name="feedback",
    title=t.TITLE,
    steps=(
        Step("topic", ask_topic, read_topic, free_text=False),
        Step("text", ask_text, read_text),
    ),
)


def setup() -> Feature:
    """Register /gopy and /xemgopy."""
    return Feature(
        name="feedback",
        commands=(
            Command("gopy", begin, t.CMD, button=t.BUTTON),
            Command("xemgopy", list_recent, t.CMD_LIST, access=Role.ADMIN),
        ),
        flows=(FLOW,),
    )
