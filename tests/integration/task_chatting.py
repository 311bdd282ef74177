"""Helpers of the /nhiemvu tests: the plan imported, organisations given to demo people, a
web chat that takes uploaded files, and reading tasks back from the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import BotApp
from bot.channels.webchat import WebchatChannel
from bot.events import Attachment, FetchedFile, FileTooBig, Incoming, Kind
from models import members, organisations, task_assignments, task_import, tasks, unit_catalog
from models.organisations import Organisation
from models.task_files import ParsedPlan, parse_grids, read_grids
from models.tasks import Task, TaskAssignment
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

ROOT = Path(__file__).parents[2]
SEED = ROOT / "examples" / "ke-hoach-gia-lai-1690.md"
PLAN = "KH 1690 Gia Lai"
IA_SAO = "23767"
IA_YOK = "23768"  # another commune of Ia Grai
PLEIKU_WARD = "23557"  # a ward of another district
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadingChat(WebchatChannel):
    """The web chat, able to take a file a person sends (the page itself cannot yet)."""

    fetchable_kinds = frozenset({Kind.PHOTO, Kind.DOCUMENT})

    def __init__(self, base: WebchatChannel) -> None:
        super().__init__(base.sessions, handle=base.handle)
        self.files: dict[str, bytes] = {}

    async def fetch_file(self, attachment: Attachment, *, max_bytes: int) -> FetchedFile:
        """The bytes sent, refused over `max_bytes` like a messenger's download."""
        content = self.files[attachment.file_id]
        if len(content) > max_bytes:
            raise FileTooBig(len(content))
        return FetchedFile(content, attachment.filename, attachment.mime_type)


def take_uploads(app: BotApp) -> UploadingChat:
    """Replace the app's web chat by one that takes files."""
    base = app.channels["webchat"]
    assert isinstance(base, WebchatChannel)
    channel = UploadingChat(base)
    app.channels["webchat"] = channel
    return channel


async def send_file(
    chat: ChatDriver, uploads: UploadingChat, person: str, name: str, content: bytes
) -> None:
    """Send a file as a document, as Telegram would deliver it."""
    file_id = f"file-{len(uploads.files) + 1}"
    uploads.files[file_id] = content
    mime = XLSX if name.endswith(".xlsx") else "text/markdown"
    attachment = Attachment(Kind.DOCUMENT, file_id, name, mime)
    event = Incoming(
        channel="webchat",
        external_id=person,
        chat_id=person,
        kind=Kind.DOCUMENT,
        attachment=attachment,
    )
    await chat.send_event(event)


def local_day(clock: FakeClock, app: BotApp) -> dt.date:
    """Today in the bot's zone."""
    return clock().astimezone(app.services.config.zone).date()


async def import_seed(
    app: BotApp, clock: FakeClock, parsed: ParsedPlan | None = None
) -> task_import.ImportReport:
    """Import the plan's appendix as the command line does (or `parsed`, a corrected file of
    it under the same name); what the import did."""
    if parsed is None:
        parsed = parse_grids(read_grids(SEED.name, SEED.read_bytes()))
    config = app.services.config
    async with app.sessions() as session:
        report = await task_import.import_plan(
            session,
            parsed=parsed,
            plan_name=PLAN,
            source_name=SEED.name,
            catalog=config.units.catalog,
            today=local_day(clock, app),
            default_day=config.tasks.yearly_day,
            now=clock(),
        )
        await session.commit()
        return report


async def committee(app: BotApp, code: str) -> Organisation:
    """The people's committee of a unit of the 2024 catalog."""
    unit = unit_catalog.get_unit("2024", code)
    assert unit is not None
    async with app.sessions() as session:
        org = await organisations.committee_for(session, unit=unit)
        await session.commit()
        return org


async def assign(app: BotApp, clock: FakeClock, number: str, org: Organisation) -> None:
    """Give one more organisation a task of the plan (with the others' deadlines)."""
    async with app.sessions() as session:
        task = await task_of(session, number)
        assert org.id is not None
        await task_assignments.add(
            session,
            task=task,
            organisation_id=org.id,
            by_member_id=None,
            by_label="test",
            now=clock(),
        )
        await session.commit()


async def task_of(session: AsyncSession, number: str) -> Task:
    """A task of the seed plan by number."""
    plan = await tasks.plan_by_name(session, name=PLAN)
    assert plan is not None and plan.id is not None
    task = await tasks.task_by_number(session, plan_id=plan.id, number=number)
    assert task is not None
    return task


async def place(
    app: BotApp, person: str, org: Organisation | None, *, phone: str | None = None
) -> None:
    """Put a demo person in an organisation (and give them a phone)."""
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="webchat", external_id=person)
        assert identity is not None and identity.member_id is not None
        member = await members.get_member(session, member_id=identity.member_id)
        assert member is not None
        member.organisation_id = org.id if org else None
        if phone:
            member.phone = phone
        session.add(member)
        await session.commit()


async def assignment(app: BotApp, number: str, org: Organisation) -> TaskAssignment:
    """The assignment of a task to an organisation, fresh from the database."""
    async with app.sessions() as session:
        task = await task_of(session, number)
        pairs = await task_assignments.of_task(session, task_id=task.id or 0, active_only=False)
        return next(a for a, o in pairs if o.id == org.id)


async def task_count(app: BotApp) -> int:
    """How many tasks there are."""
    async with app.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(Task))).scalar_one())


def number_of(chat: ChatDriver, person: str, label: str) -> str:
    """The number a typed answer gives the button whose label contains `label`."""
    asked = next(m for m in reversed(chat.last[person]) if m.options)
    labels = [option.label for option in asked.options]
    return str(next(i for i, text in enumerate(labels, start=1) if label in text))
