"""Typed button values: each kind packs into the stored value and back, the values already
stored behind buttons keep their meaning, and forged or stale values decode to None."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.buttons import Button, actions, choices
from bot.buttons.actions import (
    Acknowledge,
    Attend,
    Attendance,
    DecideRegistration,
    DecideUnitChange,
    EditRegistration,
    PresenceSheet,
    PreviewKey,
    PreviewPress,
    Report,
    ReportList,
    ReportView,
    RunCommand,
    TargetsPage,
    TargetView,
    TeamInvite,
    Verdict,
)
from bot.buttons.base import MAX_INT
from bot.buttons.choices import (
    AddOrganisation,
    CategoryChoice,
    CommuneChoice,
    DistrictChoice,
    EditAnswer,
    InviteRevoke,
    MemberChoice,
    NameSuggestion,
    OrgChoice,
    ReasonChoice,
    RoleChoice,
    Suggestion,
    TeamChoice,
    UnitChoice,
)


def _kinds() -> list[type[Button]]:
    found = []
    for module in (actions, choices):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Button) and value is not Button:
                found.append(value)
    return found


KINDS = _kinds()
CODES = st.from_regex(r"[0-9]{1,10}", fullmatch=True)
IDS = st.integers(min_value=0, max_value=MAX_INT)


def _text(*, last: bool) -> st.SearchStrategy[str]:
    text = st.text(min_size=1, max_size=40)
    return text if last else text.filter(lambda s: ":" not in s)


def _buttons(kind: type[Button]) -> st.SearchStrategy[Button]:
    """Any valid button of a kind, drawn field by field."""
    if kind in (UnitChoice, DistrictChoice, CommuneChoice):
        return st.builds(kind, CODES)
    if kind is Report:
        return st.one_of(
            st.builds(Report, IDS),
            st.builds(Report, IDS, st.sampled_from([v for v in ReportView if v != "unacked"])),
            st.builds(Report, IDS, st.just(ReportView.UNACKED), IDS),
        )
    if kind is TargetsPage:
        paged = sorted(actions.PAGED_TARGET_VIEWS)
        return st.one_of(
            st.builds(TargetsPage),
            st.builds(TargetsPage, st.sampled_from([v for v in TargetView if v not in paged])),
            st.builds(TargetsPage, st.sampled_from(paged), IDS),
        )
    if kind is PresenceSheet:
        return st.builds(PresenceSheet, IDS, IDS, st.one_of(st.none(), IDS))
    parts = []
    kind_fields = fields(kind)
    for index, field in enumerate(kind_fields):
        annotation = field.type
        if annotation == "int":
            parts.append(IDS)
        elif annotation == "str":
            parts.append(_text(last=index == len(kind_fields) - 1))
        else:
            enum = getattr(actions, str(annotation))
            assert issubclass(enum, StrEnum)
            parts.append(st.sampled_from(list(enum)))
    return st.builds(kind, *parts)


def test_every_kind_is_covered() -> None:
    assert {Report, ReportList, Attend, RunCommand, UnitChoice, CategoryChoice} <= set(KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_kind_round_trips(kind: type[Button], data: st.DataObject) -> None:
    button = data.draw(_buttons(kind))
    value = button.encode()
    assert value == kind.prefix or value.startswith(kind.prefix + ":")
    assert kind.decode(value) == button


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
@settings(max_examples=40, deadline=None)
@given(tail=st.text(alphabet="0123456789:abcnoksyexlf-", max_size=24))
def test_whatever_decodes_packs_back_to_the_same_value(kind: type[Button], tail: str) -> None:
    for value in (tail, f"{kind.prefix}:{tail}", f"{kind.prefix}{tail}"):
        button = kind.decode(value)
        assert button is None or (type(button) is kind and button.encode() == value)


def test_values_already_stored_keep_their_meaning() -> None:
    assert [
        RunCommand("help").encode(),
        Acknowledge(12).encode(),
        Attend(12, Attendance.YES).encode(),
        Attend(12, Attendance.NO).encode(),
        PreviewPress(PreviewKey.ACK).encode(),
        Report(7).encode(),
        Report(7, ReportView.UNACKED, 2).encode(),
        Report(7, ReportView.XLSX).encode(),
        Report(7, ReportView.CANCEL).encode(),
        Report(7, ReportView.FIX).encode(),
        ReportList().encode(),
        DecideRegistration(Verdict.APPROVE, 5).encode(),
        DecideRegistration(Verdict.REJECT, 5).encode(),
        DecideUnitChange(Verdict.APPROVE, 9).encode(),
        TeamInvite(4).encode(),
        EditRegistration().encode(),
    ] == [
        "cmd:help",
        "ack:12",
        "rsvp:12:yes",
        "rsvp:12:no",
        "bcprev:ack",
        "rep:7",
        "rep:7:unacked:2",
        "rep:7:xlsx",
        "rep:7:cancel",
        "rep:7:fix",
        "rep:list",
        "appr:ok:5",
        "appr:no:5",
        "doi:ok:9",
        "team:inv:4",
        "reg:edit",
    ]
    assert [
        UnitChoice("23767").encode(),
        DistrictChoice("628").encode(),
        CommuneChoice("23767").encode(),
        CategoryChoice("cong_chuc_xa").encode(),
        RoleChoice("member").encode(),
        TeamChoice(3).encode(),
        OrgChoice(8).encode(),
        MemberChoice(11).encode(),
        InviteRevoke(2).encode(),
        Suggestion("Chủ tịch UBND xã").encode(),
        NameSuggestion("Tổ CNSCĐ thôn 1").encode(),
        ReasonChoice("Sai đơn vị").encode(),
        EditAnswer("phone").encode(),
        AddOrganisation("doanh_nghiep").encode(),
    ] == [
        "u:23767",
        "d:628",
        "c:23767",
        "c:cong_chuc_xa",
        "r:member",
        "t:3",
        "o:8",
        "m:11",
        "rv:2",
        "p:Chủ tịch UBND xã",
        "s:Tổ CNSCĐ thôn 1",
        "r:Sai đơn vị",
        "edit:phone",
        "add:doanh_nghiep",
    ]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (Acknowledge, None),
        (Acknowledge, ""),
        (Acknowledge, "ack"),
        (Acknowledge, "ack:"),
        (Acknowledge, "ack:abc"),
        (Acknowledge, "ack:-1"),
        (Acknowledge, "ack:+1"),
        (Acknowledge, "ack:007"),
        (Acknowledge, "ack: 7"),
        (Acknowledge, "ack:١٢"),  # digits, but not ASCII ones
        (Acknowledge, "ack:²"),
        (Acknowledge, f"ack:{MAX_INT + 1}"),
        (Acknowledge, "ack:1:2"),
        (Acknowledge, "acknowledge:1"),
        (Acknowledge, "rsvp:1:yes"),
        (Attend, "rsvp:5"),
        (Attend, "rsvp:5:maybe"),
        (Attend, "rsvp:5:YES"),
        (Attend, "rsvp:yes:5"),
        (Report, "rep"),
        (Report, "rep:list"),
        (Report, "rep:abc"),
        (Report, "rep:5:unacked"),
        (Report, "rep:5:xlsx:3"),
        (Report, "rep:5:print"),
        (Report, "rep:5::3"),
        (ReportList, "rep:list:2"),
        (ReportList, "rep"),
        (DecideRegistration, "appr:yes:3"),
        (DecideRegistration, "appr:ok"),
        (DecideRegistration, "appr:ok:3:4"),
        (TeamInvite, "team:3"),
        (TeamInvite, "team:inv:x"),
        (EditRegistration, "reg:edit:1"),
        (RunCommand, "cmd:"),
        (UnitChoice, "u:Ia Sao"),
        (UnitChoice, "u:12345678901"),
        (TeamChoice, "t:1:2"),
        (TeamChoice, "t:None"),
    ],
)
def test_forged_or_stale_values_decode_to_none(kind: type[Button], value: str | None) -> None:
    assert kind.decode(value) is None


def test_only_the_last_text_may_hold_the_separator() -> None:
    assert Suggestion.decode("p:Phó chủ tịch: văn hoá") == Suggestion("Phó chủ tịch: văn hoá")
    assert RunCommand("a:b").encode() == "cmd:a:b"


def test_a_button_that_breaks_its_own_rules_is_not_packed() -> None:
    for broken in (
        Report(1, None, 3),
        Report(1, ReportView.UNACKED),
        Report(1, ReportView.XLSX, 2),
        TeamChoice(-1),
        TeamChoice(MAX_INT + 1),
        UnitChoice("Ia Sao"),
        RunCommand(""),
        Attend(1, "yes"),  # type: ignore[arg-type]
        Acknowledge(True),
    ):
        with pytest.raises((ValueError, TypeError)):
            broken.encode()


def test_a_kind_declares_only_what_it_can_pack() -> None:
    @dataclass(frozen=True)
    class Weight(Button, prefix="w"):
        kilos: float

    with pytest.raises(TypeError):
        Weight(1.5).encode()
    with pytest.raises(ValueError):

        class Empty(Button, prefix="a::b"):
            pass
