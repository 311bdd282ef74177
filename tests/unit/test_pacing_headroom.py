"""The room bulk sending leaves for replies (jobs.pacing): as much as the recent reply rate
needs (and a stall of the event loop could bunch), never less than one slot nor more than
10 % of the limit, on a fake monotonic clock."""

from __future__ import annotations

from jobs.pacing import CHATTING, Limits, Pacer


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _pacer(rate: float = 100) -> tuple[Pacer, Ticks]:
    ticks = Ticks()
    return Pacer(Limits(per_second=rate, per_chat_per_second=1), monotonic=ticks), ticks


def _replies(pacer: Pacer, ticks: Ticks, *, per_second: float, seconds: float) -> None:
    """Replies leaving evenly at `per_second` for `seconds`, the clock moving with them."""
    for _ in range(round(per_second * seconds)):
        ticks.now += 1 / per_second
        pacer.note_interactive(1)


def test_without_replies_one_slot_is_kept() -> None:
    pacer, ticks = _pacer()
    assert (pacer.reserve, pacer.headroom) == (1, 10)
    assert pacer.reply_reserve(ticks.now) == 1
    assert pacer.bulk_room(ticks.now) == 99


def test_the_room_follows_the_reply_rate() -> None:
    pacer, ticks = _pacer()
    _replies(pacer, ticks, per_second=20, seconds=5)
    assert pacer.reply_reserve(ticks.now) == 2  # 20 replies/s within 0.1 s, not 10 slots
    _replies(pacer, ticks, per_second=45, seconds=2)
    assert pacer.reply_reserve(ticks.now) == 5  # the last second's rate counts at once


def test_chatting_that_starts_gets_ten_percent_until_its_rate_is_known() -> None:
    pacer, ticks = _pacer()
    pacer.note_interactive(1, "42")
    assert pacer.reply_reserve(ticks.now) == pacer.headroom == 10
    ticks.now += pacer.span  # one reply in the last 10 s: one slot is enough
    assert pacer.reply_reserve(ticks.now) == 1


def test_a_flood_of_replies_gets_at_most_ten_percent() -> None:
    pacer, ticks = _pacer()
    _replies(pacer, ticks, per_second=400, seconds=1)
    assert pacer.reply_reserve(ticks.now) == pacer.headroom == 10


def test_a_lull_keeps_some_room_then_the_room_goes_back_to_one_slot() -> None:
    pacer, ticks = _pacer()
    _replies(pacer, ticks, per_second=35, seconds=10)
    ticks.now += 2  # nobody answered for 2 s: the last 10 s still count
    assert pacer.reply_reserve(ticks.now) == 3  # 280 replies in 10 s: 28/s within 0.1 s
    ticks.now += CHATTING
    assert pacer.reply_reserve(ticks.now) == 1


def test_bulk_fills_what_the_replies_leave_and_the_sum_stays_within_the_limit() -> None:
    """Ten seconds at 100/s with a reply every 50 ms (20/s): bulk sends as soon as the pacer
    lets it, stepping the clock 1 ms at a time."""
    pacer, ticks = _pacer()
    start = ticks.now
    sent: list[tuple[float, str]] = []
    next_reply = start
    step = 0.001
    while ticks.now < start + 10:
        if ticks.now >= next_reply:
            pacer.note_interactive(1)
            sent.append((ticks.now, "reply"))
            next_reply += 0.05
        if pacer.try_take(ticks.now) is None:
            sent.append((ticks.now, "bulk"))
        ticks.now += step
    settled = [(moment, kind) for moment, kind in sent if moment >= start + 2]
    bulk = sum(1 for _, kind in settled if kind == "bulk") / 8
    room = pacer.capacity / pacer.span - 20  # the limit (with the pacer's margin) - replies
    assert bulk >= 0.97 * room, (bulk, room)  # the fixed 10 % headroom gave about 0.88
    stamps = [moment for moment, _ in sent]
    first = 0
    for last, moment in enumerate(stamps):
        while moment - stamps[first] >= 1.0:
            first += 1
        assert last - first + 1 <= pacer.capacity


def test_while_people_chat_a_stalled_event_loop_widens_the_room_for_a_while() -> None:
    pacer, ticks = _pacer()
    pacer.note_lag(ticks.now, 0.04)  # nobody chats: still only the one slot
    assert pacer.reply_reserve(ticks.now) == 1
    _replies(pacer, ticks, per_second=20, seconds=11)
    assert pacer.reply_reserve(ticks.now) == 2
    pacer.note_lag(ticks.now, 0.001)  # a timer's usual precision: not a stall
    assert pacer.reply_reserve(ticks.now) == 2
    pacer.note_lag(ticks.now, 0.03)  # 30 ms at 100/s: 3 sends may have bunched
    assert pacer.reply_reserve(ticks.now) == 2 + 3
    _replies(pacer, ticks, per_second=20, seconds=CHATTING + 0.1)
    assert pacer.reply_reserve(ticks.now) == 2  # forgotten after CHATTING seconds
    pacer.note_lag(ticks.now, 0.5)
    assert pacer.reply_reserve(ticks.now) == pacer.headroom  # never more than 10 %
