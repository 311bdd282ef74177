"""Sending feedback to the admins: `/gopy nội dung` at once, or topic then text; /xemgopy."""

from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.router import Command, Feature
from bot.texts import broadcast as bt
from bot.texts import feedback as t
from bot.timefmt import show
from handlers import person_answers
from models import feedback, organisations
from models.feedback import FeedbackWithSender
from models.members import MemberStatus, Role
from models.personal_data import ERASED_ACCOUNT
from models.validators import TextRule
from rendering.members import category_label, unit_label

MIN_LENGTH = 5
MAX_LENGTH = 2000
RULE = TextRule(MIN_LENGTH, MAX_LENGTH, multiline=True)
# Feedback typed straight after the command is stored at once, unclassified: a person who
# wrote the whole message expects it sent, not a further question.
QUICK_TOPIC = "other"


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


def _checked(text: str) -> str | Retry:
    """The feedback text cleaned by the shared rule, or a re-ask saying what is wrong."""
    return person_answers.free_text(
        text, RULE, "feedback", too_short=t.TOO_SHORT, too_long=t.TOO_LONG
    )


async def _store(ctx: Context, *, topic: str, text: str) -> None:
    await feedback.add(
        ctx.session,
        channel=ctx.event.channel,
        external_id=ctx.event.external_id,
        member_id=ctx.member.id if ctx.member else None,
        topic=topic,
        text=text,
        now=ctx.now(),
    )
    ctx.say(t.THANKS)


async def read_text(turn: Turn) -> Outcome:
    """Validate and store the feedback."""
    text = _checked(turn.ctx.event.text)
    if isinstance(text, Retry):
        return text
    await _store(turn.ctx, topic=turn.data["topic"], text=text)
    return Done()


async def begin(ctx: Context) -> None:
    """/gopy: store the text typed after the command, or start the conversation."""
    text = ctx.event.command_args
    if not text:
        await ctx.start_flow(FLOW.name)
        return
    checked = _checked(text)
    if isinstance(checked, Retry):
        ctx.say(checked.message)
        await ctx.start_flow(TEXT_ONLY_FLOW.name, {"topic": QUICK_TOPIC})
        return
    await _store(ctx, topic=QUICK_TOPIC, text=checked)


async def _sender(ctx: Context, item: FeedbackWithSender) -> str:
    """Who sent a piece of feedback: name and unit, or what is known of the account."""
    member, identity = item.member, item.identity
    if item.feedback.external_id.startswith(ERASED_ACCOUNT) or (
        member is not None and member.status == MemberStatus.DELETED
    ):
        return t.SENDER_ERASED
    if member is None:
        channel = bt.CHANNEL_NAMES.get(item.feedback.channel, item.feedback.channel)
        if identity is not None and identity.display_name:
            return t.SENDER_GUEST_NAMED.format(name=identity.display_name, channel=channel)
        return t.SENDER_GUEST.format(channel=channel)
    unit = None
    if member.unit_code:
        unit = unit_label(member.unit_catalog, member.unit_code)
    elif member.organisation_id is not None:
        org = await organisations.get(ctx.session, organisation_id=member.organisation_id)
        unit = org.name if org else None
    if unit is None and member.category:
        unit = category_label(member.category)
    if unit is None:
        return t.SENDER_NO_UNIT.format(name=member.full_name)
    return t.SENDER.format(name=member.full_name, unit=unit)


async def list_recent(ctx: Context) -> None:
    """Show admins the newest feedback, each with who sent it."""
    items = await feedback.recent_with_senders(ctx.session, limit=10)
    if not items:
        ctx.say(t.LIST_EMPTY)
        return
    lines = [t.LIST_HEADER]
    for item in items:
        row = item.feedback
        lines.append(
            t.LIST_ITEM.format(
                time=show(row.created_at, ctx.config.zone),
                sender=await _sender(ctx, item),
                topic=t.TOPICS.get(row.topic, row.topic),
                text=row.text,
            )
        )
    ctx.say("\n".join(lines))


TEXT_STEP = Step("text", ask_text, read_text)
FLOW = Flow(
    name="feedback",
    title=t.TITLE,
    steps=(Step("topic", ask_topic, read_topic, free_text=False), TEXT_STEP),
)
# After `/gopy <text>` that was too short or too long: the topic is set, only the text is asked.
TEXT_ONLY_FLOW = Flow(name="feedback_text", title=t.TITLE, steps=(TEXT_STEP,))


def setup() -> Feature:
    """Register /gopy and /xemgopy."""
    return Feature(
        name="feedback",
        commands=(
            Command("gopy", begin, t.CMD, button=t.BUTTON),
            Command("xemgopy", list_recent, t.CMD_LIST, access=Role.ADMIN),
        ),
        flows=(FLOW, TEXT_ONLY_FLOW),
    )
