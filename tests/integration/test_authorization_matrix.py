"""Who may do what, proved for every command and every kind of button, from the product's own
command table and button kinds, for one person of each kind (unregistered, pending, member,
team leader, commune coordinators inside and outside the people's commune, district
coordinator, admin), on the web chat and on a channel without buttons.

A command or a kind of button added without an entry here fails with a message naming it.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlmodel import col

from bot.app import BotApp
from bot.buttons import Button
from bot.buttons import actions as action_buttons
from bot.buttons import choices as choice_buttons
from bot.buttons.actions import (
    Acknowledge,
    Attend,
    Attendance,
    CheckinEvidence,
    CheckinEvidenceList,
    CheckinLeave,
    CheckinNudge,
    CheckinStart,
    CheckinSummary,
    CheckinSummaryChart,
    CheckinSummaryXlsx,
    DeadlineReminder,
    DecideRegistration,
    DecideUnitChange,
    EditRegistration,
    EscalationNudge,
    PresenceConfirm,
    PresenceSheet,
    PreviewKey,
    PreviewPress,
    Received,
    ReceivedList,
    ReminderAnswer,
    Report,
    ReportCommunes,
    ReportList,
    ReportView,
    RunCommand,
    TargetsPage,
    TargetView,
    TeamInvite,
    Verdict,
)
from bot.buttons.choices import (
    AddOrganisation,
    AssignmentChoice,
    CategoryChoice,
    CommuneChoice,
    DistrictChoice,
    EditAnswer,
    GroupChoice,
    InviteRevoke,
    MemberChoice,
    NameSuggestion,
    OrgChoice,
    PageChoice,
    PlanChoice,
    ReasonChoice,
    RoleChoice,
    RoundChoice,
    StatusChoice,
    Suggestion,
    TaskChoice,
    TeamChoice,
    UnitChoice,
)
from bot.events import Outgoing
from bot.router import ACCESS_ANYONE, ACCESS_GUEST
from bot.texts import common as t
from jobs import task_reminders as task_jobs
from models import options, outbox
from models.members import Role
from models.outbox import OutboxMessage
from models.task_reminders import ESCALATION_KIND
from tests.conftest import make_config
from tests.integration.proving import (
    ActorDriver,
    World,
    build_world,
    late_task,
    leaks,
    readable,
)
from tests.utils.clock import FakeClock, local_at
from tests.utils.db_checks import changed_tables, fingerprint
from tests.utils.population import (
    ACTOR_PEOPLE,
    CATALOG,
    IA_GRAI,
    IA_SAO,
    PROTECTED,
    VISIBLE_TO,
    YEN_DO,
    Actors,
)

CHANNELS = ("webchat", "plain")
ACTORS = tuple(person.key for person in ACTOR_PEOPLE)
ROLE_OF = {
    "khach": ACCESS_GUEST,
    "cho": ACCESS_GUEST,
    "tv": Role.MEMBER,
    "tt": Role.MEMBER,
    "xa_in": Role.COORDINATOR,
    "xa_out": Role.COORDINATOR,
    "huyen": Role.COORDINATOR,
    "admin": Role.ADMIN,
}

# ---- what we expect: who may run each command --------------------------------------------

EXPECTED_ACCESS: dict[str, str] = {
    "start": ACCESS_ANYONE,
    "help": ACCESS_ANYONE,
    "huy": ACCESS_ANYONE,
    "dangky": ACCESS_GUEST,
    "todoi": Role.MEMBER,
    "hoso": Role.MEMBER,
    "lienket": ACCESS_ANYONE,
    "xuatdulieu": ACCESS_ANYONE,
    "xoadulieu": ACCESS_ANYONE,
    "choduyet": Role.COORDINATOR,
    "thanhvien": Role.COORDINATOR,
    "phanquyen": Role.ADMIN,
    "donvi": Role.ADMIN,
    "moi": Role.COORDINATOR,
    "thongbao": Role.MEMBER,
    "tinhhinh": Role.COORDINATOR,
    "nhiemvu": Role.MEMBER,
    "chitieu": Role.COORDINATOR,
    "gopy": ACCESS_ANYONE,
    "xemgopy": Role.ADMIN,
    "baocaotiendo": Role.MEMBER,
    "tonghop": Role.COORDINATOR,
}
RANK = {ACCESS_GUEST: 0, Role.MEMBER: 1, Role.COORDINATOR: 2, Role.ADMIN: 3}


def allowed(actor: str, access: str) -> bool:
    """Whether the matrix says `actor` may run a command of `access`."""
    role = ROLE_OF[actor]
    if access == ACCESS_ANYONE:
        return True
    if access == ACCESS_GUEST:
        return role == ACCESS_GUEST
    return RANK[role] >= RANK[access]


def refusal(access: str) -> str:
    """The polite refusal the catalog has for someone who may not run a command."""
    if access == ACCESS_GUEST:
        return t.GUEST_ONLY
    return t.NOT_ALLOWED.format(role=t.ROLE_REFUSAL_ROLE_NAMES[access])


# ---- every kind of button: a value that means something in this world --------------------

Sample = Callable[[World], Button]

SAMPLES: dict[type[Button], Sample] = {
    RunCommand: lambda w: RunCommand("choduyet"),
    Acknowledge: lambda w: Acknowledge(w.announcement_id),
    Attend: lambda w: Attend(w.announcement_id, Attendance.NO),
    PreviewPress: lambda w: PreviewPress(PreviewKey.YES),
    ReportList: lambda w: ReportList(),
    Report: lambda w: Report(w.announcement_id, ReportView.CANCEL),
    ReportCommunes: lambda w: ReportCommunes(w.announcement_id, CATALOG, IA_GRAI),
    ReceivedList: lambda w: ReceivedList(),
    Received: lambda w: Received(w.announcement_id),
    DecideRegistration: lambda w: DecideRegistration(Verdict.APPROVE, w.id("cho")),
    DecideUnitChange: lambda w: DecideUnitChange(Verdict.APPROVE, w.change_id),
    TeamInvite: lambda w: TeamInvite(w.actors.team_id),
    EditRegistration: lambda w: EditRegistration(),
    TargetsPage: lambda w: TargetsPage(TargetView.XLSX),
    PresenceSheet: lambda w: PresenceSheet(w.announcement_id, 0, w.id("tv")),
    PresenceConfirm: lambda w: PresenceConfirm(w.announcement_id, 0),
    UnitChoice: lambda w: UnitChoice(IA_SAO),
    DistrictChoice: lambda w: DistrictChoice(IA_GRAI),
    CommuneChoice: lambda w: CommuneChoice(YEN_DO),
    CategoryChoice: lambda w: CategoryChoice("cong_chuc_xa"),
    RoleChoice: lambda w: RoleChoice(Role.ADMIN.value),
    TeamChoice: lambda w: TeamChoice(w.actors.team_id),
    OrgChoice: lambda w: OrgChoice(1),
    MemberChoice: lambda w: MemberChoice(w.id("tv")),
    InviteRevoke: lambda w: InviteRevoke(1),
    Suggestion: lambda w: Suggestion("Tổ trưởng"),
    NameSuggestion: lambda w: NameSuggestion("Tổ CNSCĐ thôn Mới"),
    ReasonChoice: lambda w: ReasonChoice("Sai đơn vị"),
    EditAnswer: lambda w: EditAnswer("phone"),
    AddOrganisation: lambda w: AddOrganisation("enterprise"),
    TaskChoice: lambda w: TaskChoice(1),
    AssignmentChoice: lambda w: AssignmentChoice(1),
    StatusChoice: lambda w: StatusChoice("done"),
    PageChoice: lambda w: PageChoice(1),
    PlanChoice: lambda w: PlanChoice(1),
    GroupChoice: lambda w: GroupChoice(1),
    RoundChoice: lambda w: RoundChoice(w.round_id),
    DeadlineReminder: lambda w: DeadlineReminder(w.deadline_id, ReminderAnswer.DONE),
    EscalationNudge: lambda w: EscalationNudge(w.escalation_id),
    CheckinStart: lambda w: CheckinStart(w.round_id),
    CheckinLeave: lambda w: CheckinLeave(w.round_id),
    CheckinSummary: lambda w: CheckinSummary(w.round_id, 0),
    CheckinSummaryXlsx: lambda w: CheckinSummaryXlsx(w.round_id),
    CheckinSummaryChart: lambda w: CheckinSummaryChart(w.round_id),
    CheckinNudge: lambda w: CheckinNudge(w.round_id),
    CheckinEvidenceList: lambda w: CheckinEvidenceList(w.round_id, 0),
    CheckinEvidence: lambda w: CheckinEvidence(w.answer_id),
}
"""One value of each kind of button that would act on this world if it were honoured."""


def button_kinds() -> list[type[Button]]:
    """Every kind of button the product declares (bot.buttons.actions and .choices)."""
    kinds: list[type[Button]] = []
    for module in (action_buttons, choice_buttons):
        for _name, value in inspect.getmembers(module, inspect.isclass):
            declared_here = value.__module__ == module.__name__
            if declared_here and issubclass(value, Button) and value.prefix:
                kinds.append(value)
    return kinds


# ---- the app on each channel ----------------------------------------------------------------


@pytest.fixture(params=CHANNELS)
async def proving_app(
    request: pytest.FixtureRequest, db_url: str, clock: FakeClock, plain_channel_type
) -> AsyncIterator[tuple[BotApp, ActorDriver, World]]:
    """The bot (web chat and the plain channel), the seeded world, a driver on one channel."""
    app = BotApp(make_config(db_url), seed_demo=False, clock=clock)
    await app.start(web=False)
    world = await build_world(app, request.param)
    yield app, ActorDriver(app.dispatcher, world.actors), world
    await app.stop()


def outside_scope(actor: str, world: World) -> tuple[dict[str, str], dict[str, str]]:
    """The names and phones of the protected people `actor` may not be shown."""
    people = world.actors.people
    hidden = [key for key in PROTECTED if key not in VISIBLE_TO[actor]]
    names = {key: people[key].name for key in hidden if people[key].name}
    phones = {key: people[key].phone for key in hidden if people[key].phone}
    return names, phones  # type: ignore[return-value]


def leaked(actor: str, world: World, answer: list[Outgoing]) -> list[str]:
    """The protected people outside `actor`'s scope that `answer` names or gives a phone of."""
    names, phones = outside_scope(actor, world)
    return leaks(readable(answer), names=names, phones=phones)


# ---- the tests ------------------------------------------------------------------------------


def test_every_command_has_an_expected_entry() -> None:
    from handlers import build_router

    router = build_router()
    missing = sorted(set(router.commands) - set(EXPECTED_ACCESS))
    assert not missing, f"commands without an entry in EXPECTED_ACCESS: {missing}"
    gone = sorted(set(EXPECTED_ACCESS) - set(router.commands))
    assert not gone, f"EXPECTED_ACCESS names commands that no longer exist: {gone}"
    differ = {
        name: (command.access, EXPECTED_ACCESS[name])
        for name, command in router.commands.items()
        if str(command.access) != str(EXPECTED_ACCESS[name])
    }
    assert not differ, f"commands whose access is not the expected one: {differ}"


def test_every_button_kind_has_a_forged_sample() -> None:
    from handlers import build_router

    kinds = set(button_kinds()) | set(build_router().actions)
    missing = sorted(k.__name__ for k in kinds if k not in SAMPLES)
    assert not missing, f"button kinds without a value in SAMPLES: {missing}"


DECISIONS = (DecideRegistration, DecideUnitChange)
"""Buttons the matrix does not follow: they would decide for the people other actors are."""
FOLLOWED = 4
"""How many options of a command's first answer the matrix follows, each from the command."""


async def _followable(
    app: BotApp, driver: ActorDriver, actor: str, answer: list[Outgoing]
) -> list[int]:
    """The positions of the options of an answer that decide nothing for others."""
    channel, external_id = driver.actors.channel, driver.actors.external_id(actor)
    shown = [o for m in answer for o in m.options]
    found = []
    async with app.sessions() as session:
        for position, option in enumerate(shown):
            resolved = await options.resolve(
                session, token=option.token, channel=channel, external_id=external_id
            )
            if resolved is not None and not any(kind.decode(resolved.value) for kind in DECISIONS):
                found.append(position)
    return found[:FOLLOWED]


async def _take(
    driver: ActorDriver, actor: str, answer: list[Outgoing], position: int
) -> list[Outgoing]:
    """Take one option of an answer: press it, or type its number without buttons."""
    shown = [o for m in answer for o in m.options]
    if position >= len(shown):  # the command answers differently now (e.g. data erased)
        return []
    option = shown[position]
    if driver.actors.channel == "webchat":
        return await driver.press_token(actor, option.token)
    return await driver.send(actor, str(option.number))


def command_order() -> list[str]:
    """The commands in the order they are tried: erasing one's data last."""
    return sorted(EXPECTED_ACCESS, key=lambda name: (name == "xoadulieu", name))


async def test_command_matrix(proving_app) -> None:
    app, driver, world = proving_app
    problems: list[str] = []
    for command in command_order():
        access = EXPECTED_ACCESS[command]
        for actor in ACTORS:
            problems.extend(await _try_command(app, driver, world, actor, command, access))
    assert not problems, "\n".join(problems)


async def _try_command(
    app: BotApp, driver: ActorDriver, world: World, actor: str, command: str, access: str
) -> list[str]:
    """Run one command as one actor (and its first option when allowed); say what is wrong."""
    problems = []
    before = None if allowed(actor, access) else await fingerprint(app.sessions)
    answer = await driver.send(actor, f"/{command}")
    text = driver.text(actor)
    if before is None:
        refused = access != ACCESS_ANYONE and refusal(access) in text
        if not answer or refused or t.ERROR_TRY_AGAIN in text:
            problems.append(f"{actor}: /{command} refused or failed: {text[:120]!r}")
        first = answer
        for turn, position in enumerate(await _followable(app, driver, actor, first)):
            if turn:
                await driver.send(actor, "/huy")
                first = await driver.send(actor, f"/{command}")
            answer = answer + await _take(driver, actor, first, position)
            if t.ERROR_TRY_AGAIN in driver.text(actor):
                problems.append(f"{actor}: /{command} option {position + 1} failed")
    else:
        if not text.startswith(refusal(access)):
            problems.append(f"{actor}: /{command} not refused politely: {text[:120]!r}")
        if changed := changed_tables(before, await fingerprint(app.sessions)):
            problems.append(f"{actor}: refused /{command} changed {changed}")
    if who := leaked(actor, world, answer):
        problems.append(f"{actor}: /{command} shows personal data of {who}")
    await driver.send(actor, "/huy")
    return problems


async def test_forged_buttons_are_old_and_change_nothing(proving_app) -> None:
    app, driver, world = proving_app
    channel = world.actors.channel
    problems: list[str] = []
    for kind in button_kinds():
        value = SAMPLES[kind](world).encode()
        assert kind.decode(value) is not None, value
        before = await fingerprint(app.sessions)
        for actor in ACTORS:
            owner = "tv" if actor == "admin" else "admin"
            async with app.sessions() as session:
                # Shown to someone else, never to this actor.
                other = await options.issue(
                    session,
                    channel=channel,
                    external_id=world.actors.external_id(owner),
                    value=value,
                    label="?",
                    scope=None,
                )
                await session.commit()
            for token in (value, other):
                answer = await driver.press_token(actor, token)
                text = driver.text(actor)
                if not text.startswith(t.OLD_BUTTON):
                    problems.append(f"{actor}: forged {value!r} answered {text[:100]!r}")
                if who := leaked(actor, world, answer):
                    problems.append(f"{actor}: forged {value!r} shows {who}")
        if changed := changed_tables(before, await fingerprint(app.sessions)):
            problems.append(f"forged {value!r} changed {changed}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("proving_app", ["webchat"], indirect=True)
async def test_the_leak_check_reads_files_and_sees_people_in_scope(proving_app) -> None:
    """The matrix's check can fail: it finds the people an export legitimately holds."""
    _app, driver, world = proving_app
    for actor, inside, outside in (("huyen", "tv", "xa_b"), ("xa_out", "xa_b", "tv")):
        await driver.send(actor, "/thanhvien")
        first = driver.last[actor]
        export = next(o for m in first for o in m.options if "Excel" in o.label)
        answer = await driver.press_token(actor, export.token)
        assert any(m.document is not None for m in answer)
        names = {key: world.actors.people[key].name or "" for key in (inside, outside)}
        assert leaks(readable(answer), names=names, phones={}) == [inside]
        assert leaked(actor, world, answer) == []
    answer = await driver.send("tv", "/xuatdulieu")
    own = {"tv": world.actors.people["tv"].phone or ""}
    assert any(m.document is not None for m in answer)
    assert leaks(readable(answer), names={}, phones=own) == ["tv"]


@pytest.mark.parametrize("proving_app", ["webchat"], indirect=True)
async def test_the_round_summary_names_reporters_only_to_its_creator_and_the_admin(
    proving_app,
) -> None:
    """/tonghop names the blocked reporter (the check can fail) to the district that made the
    round, the admin and the coordinator of the reporter's commune (a round from above that
    reached their scope); a coordinator of another commune gets neither the round nor names."""
    app, driver, world = proving_app
    name = {"tv": world.actors.people["tv"].name or ""}
    for actor in ("huyen", "admin", "xa_in"):
        await driver.send(actor, "/tonghop")
        shown = [o for m in driver.last[actor] for o in m.options]
        assert any(o.label.startswith("Báo cáo tiến độ tháng") for o in shown), actor
        for value in (
            CheckinSummary(world.round_id, 0),
            CheckinSummaryXlsx(world.round_id),
            CheckinEvidence(world.answer_id),
        ):
            answer, _changed = await _press_held(app, driver, actor, value.encode())
            assert leaks(readable(answer), names=name, phones={}) == ["tv"], actor
    for actor in ("xa_out", "tt"):
        await driver.send(actor, "/tonghop")
        for value in (
            CheckinSummary(world.round_id, 0),
            CheckinSummaryXlsx(world.round_id),
            CheckinEvidence(world.answer_id),
            CheckinEvidenceList(world.round_id, 0),
        ):
            answer, _changed = await _press_held(app, driver, actor, value.encode())
            assert leaks(readable(answer), names=name, phones={}) == [], actor


@pytest.mark.parametrize("proving_app", ["webchat"], indirect=True)
async def test_escalations_name_only_people_in_each_readers_scope(
    proving_app, clock: FakeClock
) -> None:
    """A task late in commune A and in commune B: each coordinator's escalation names the
    focal points of their own scope only (the check can fail: the admin reads both)."""
    app, _driver, world = proving_app
    ids = world.actors.member_ids
    await late_task(app, "1.2", {IA_SAO: ids["tv"], YEN_DO: ids["xa_b"]}, claim=False)
    clock.current = local_at(clock(), hour=10)
    assert await task_jobs.escalate_due(app.job_context) > 0
    read: dict[str, str] = {}
    key_of = {member_id: key for key, member_id in ids.items()}
    async with app.sessions() as session:
        rows = await session.execute(
            select(OutboxMessage).where(col(OutboxMessage.kind) == ESCALATION_KIND)
        )
        for row in rows.scalars():
            reply = await outbox.load_payload(session, payload_id=row.payload_id)
            read[key_of[row.member_id]] = reply.text
    assert sorted(read) == ["admin", "huyen", "xa_in", "xa_out"]
    for actor, text in read.items():
        assert leaked(actor, world, [Outgoing(text)]) == [], actor
    people = world.actors.people
    names = {key: people[key].name or "" for key in ("tv", "xa_b")}
    assert leaks(read["admin"], names=names, phones={}) == ["tv", "xa_b"]
    assert leaks(read["xa_out"], names=names, phones={}) == ["xa_b"]
    assert leaks(read["huyen"], names=names, phones={}) == ["tv"]


# ---- buttons held by someone who should not act with them --------------------------------

CHANGERS = frozenset({"xa_in", "huyen", "admin"})
"""The coordinators whose scope covers commune A, and the admin."""
MEMBERS = frozenset({"tv", "tt", "xa_in", "xa_out", "huyen", "admin"})
"""Everyone active: each may say they are on leave (their own leave, nobody else's)."""
COMMITTEES = frozenset({"organisations"})


@dataclass(frozen=True)
class Held:
    """A button value as if it had been shown to each actor (a stale menu after a role was
    taken away, a message forwarded): who may change the database by pressing it."""

    sample: Sample
    changes: frozenset[str] = frozenset()
    seeds: frozenset[str] = frozenset()
    """Tables a view may fill for anyone (the UBND committees, made on first use)."""


HELD: tuple[Held, ...] = (
    Held(lambda w: RunCommand("choduyet")),
    Held(lambda w: PreviewPress(PreviewKey.YES)),
    Held(lambda w: ReportList()),
    Held(lambda w: Report(w.announcement_id)),
    Held(lambda w: Report(w.announcement_id, ReportView.UNACKED, 0)),
    Held(lambda w: Report(w.announcement_id, ReportView.XLSX)),
    Held(lambda w: ReportCommunes(w.announcement_id, CATALOG, IA_GRAI)),
    Held(lambda w: ReceivedList()),
    Held(lambda w: Received(w.announcement_id)),
    Held(lambda w: TargetsPage(), seeds=COMMITTEES),
    Held(lambda w: TargetsPage(TargetView.XLSX), seeds=COMMITTEES),
    Held(lambda w: TargetsPage(TargetView.FOCAL, 0), seeds=COMMITTEES),
    Held(lambda w: TargetsPage(TargetView.PRESENCE), seeds=COMMITTEES),
    Held(lambda w: PresenceSheet(w.announcement_id, 0)),
    Held(lambda w: CheckinSummary(w.round_id, 0)),
    Held(lambda w: CheckinSummaryXlsx(w.round_id)),
    Held(lambda w: CheckinSummaryChart(w.round_id)),
    Held(lambda w: CheckinEvidenceList(w.round_id, 0)),
    Held(lambda w: CheckinEvidence(w.answer_id)),
    Held(lambda w: Received(w.upcoming_id)),
    Held(lambda w: Acknowledge(w.upcoming_id), frozenset({"tv", "tt"})),
    Held(lambda w: Attend(w.upcoming_id, Attendance.YES), frozenset({"tv", "tt"})),
    Held(lambda w: EditRegistration(), frozenset({"khach", "cho"})),
    Held(lambda w: TargetsPage(TargetView.VILLAGES), frozenset({"admin"})),
    Held(lambda w: TeamInvite(w.actors.team_id), CHANGERS | {"tt"}),
    Held(lambda w: PresenceConfirm(w.announcement_id, 0), CHANGERS),
    Held(lambda w: PresenceSheet(w.announcement_id, 0, w.id("tv")), CHANGERS),
    Held(lambda w: Report(w.announcement_id, ReportView.REMIND), CHANGERS),
    Held(lambda w: EscalationNudge(w.escalation_id), CHANGERS),
    Held(lambda w: CheckinNudge(w.round_id), CHANGERS),
    Held(lambda w: CheckinStart(w.round_id), frozenset({"tv"})),
    Held(lambda w: CheckinLeave(w.round_id), MEMBERS),
    Held(lambda w: DeadlineReminder(w.deadline_id, ReminderAnswer.LATER), frozenset({"tv"})),
    Held(lambda w: DeadlineReminder(w.deadline_id, ReminderAnswer.BLOCKED), frozenset({"tv"})),
    Held(lambda w: DeadlineReminder(w.deadline_id, ReminderAnswer.DONE), frozenset({"tv"})),
    Held(lambda w: DecideUnitChange(Verdict.REJECT, w.change_id), CHANGERS),
    Held(lambda w: DecideUnitChange(Verdict.APPROVE, w.change_id), CHANGERS),
    Held(lambda w: DecideRegistration(Verdict.REJECT, w.id("cho")), CHANGERS),
    Held(lambda w: DecideRegistration(Verdict.APPROVE, w.id("cho")), CHANGERS),
    Held(lambda w: Report(w.announcement_id, ReportView.FIX), frozenset({"huyen", "admin"})),
    Held(lambda w: Report(w.scheduled_id, ReportView.CANCEL), frozenset({"huyen", "admin"})),
)
"""Values of the buttons that work outside a conversation, the acting ones last."""


def test_every_action_kind_is_held() -> None:
    from handlers import build_router

    world = World(actors=Actors("webchat", {}, 1, {}), announcement_id=1, change_id=1)
    held = {type(h.sample(_Ids(world))) for h in HELD}
    missing = sorted(k.__name__ for k in build_router().actions if k not in held)
    assert not missing, f"button kinds acting outside conversations not in HELD: {missing}"


class _Ids(World):
    """A world whose every member id is 1, to build sample values without a database."""

    def __init__(self, world: World) -> None:
        super().__init__(world.actors, world.announcement_id, world.change_id)

    def id(self, key: str) -> int:
        """Any member id."""
        return 1


async def _press_held(
    app: BotApp, driver: ActorDriver, actor: str, value: str
) -> tuple[list[Outgoing], list[str]]:
    """Press a button value shown to `actor`; the answer and the tables it changed."""
    async with app.sessions() as session:
        token = await options.issue(
            session,
            channel=driver.actors.channel,
            external_id=driver.actors.external_id(actor),
            value=value,
            label="?",
            scope=None,
        )
        await session.commit()
    before = await fingerprint(app.sessions)
    answer = await driver.press_token(actor, token)
    changed = changed_tables(before, await fingerprint(app.sessions))
    await driver.send(actor, "/huy")
    return answer, changed


async def test_held_buttons_act_only_for_those_they_are_for(proving_app) -> None:
    app, driver, world = proving_app
    problems: list[str] = []
    for held in HELD:
        value = held.sample(world).encode()
        acted = False
        for actor in [a for a in ACTORS if a not in held.changes] + sorted(held.changes):
            answer, changed = await _press_held(app, driver, actor, value)
            changed = [name for name in changed if name not in held.seeds]
            text = "\n".join(message.text for message in answer)
            if not answer or t.ERROR_TRY_AGAIN in text:
                problems.append(f"{actor}: {value!r} failed: {text[:100]!r}")
            if who := leaked(actor, world, answer):
                problems.append(f"{actor}: {value!r} shows personal data of {who}")
            if changed and actor not in held.changes:
                problems.append(f"{actor}: {value!r} changed {changed}: {text[:100]!r}")
            acted = acted or bool(changed)
        if held.changes and not acted:
            problems.append(f"{value!r} changed nothing for {sorted(held.changes)}: the sample")
    assert not problems, "\n".join(problems)
