"""The operator's endpoints of a running bot: `/metrics` in the Prometheus text format
(per-app registry, optional bearer token) and `/healthz` (database, channels, leader)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import BotApp
from bot.channels.base import Health
from bot.metrics import Metrics
from jobs import announcements as announcement_jobs
from jobs import timed
from models.engine import session_factory
from tests.conftest import make_config
from tests.integration.composing import compose
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock
from tests.utils.population import Unit, seed_members

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

TOKEN = "metrics-token-0123456789"


@pytest.fixture
async def served(db_url: str, clock: FakeClock) -> AsyncIterator[BotApp]:
    """The bot with the web chat and its web server on a free port."""
    app = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await app.start()
    yield app
    await app.stop()


async def _get(app: BotApp, path: str, **headers: str) -> httpx.Response:
    async with httpx.AsyncClient() as http:
        return await http.get(f"http://127.0.0.1:{app.web_port}{path}", headers=headers)


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def _scrape(app: BotApp) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = await _get(app, "/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=")
    return _samples(answer.text)


async def test_metrics_count_updates_replies_sends_jobs_and_the_outbox(
    served: BotApp, clock: FakeClock
) -> None:
    chat = ChatDriver(served.dispatcher)
    await chat.send("xa", "/start")
    await chat.send("xa", "xin chào")
    # 7 members of Ia Sao (Ia Grai) on Telegram, which does not run here: their rows wait
    await seed_members(served.sessions, count=7, chat_base=100, units=(Unit("2024", "23767"),))
    await compose(chat, "huyen", presses=())
    await chat.press("huyen", "Gửi ngay")
    await announcement_jobs.release_due(served.job_context)
    for _ in range(200):  # the web chat rows go out; the Telegram ones wait
        served.sender.wake()
        await asyncio.sleep(0.05)
        await served.sender.flush()
        if served.sender.stats["sent"] >= 3:
            break
    await served.scheduler.get_job("housekeeping.retention").func(served.job_context)

    seen = await _scrape(served)
    assert seen[("mangluoi_updates_total", (("channel", "webchat"), ("kind", "command")))] >= 2
    assert seen[("mangluoi_updates_total", (("channel", "webchat"), ("kind", "text")))] >= 1
    handled = sum(v for (name, _), v in seen.items() if name == "mangluoi_updates_total")
    latency = ("mangluoi_update_duration_seconds_count", (("channel", "webchat"),))
    assert seen[latency] == handled
    assert seen[("mangluoi_replies_sent_total", (("channel", "webchat"),))] >= handled
    # the training went to the 3 demo people of Ia Grai on the web chat, and 7 wait
    sent = ("mangluoi_outbox_sends_total", (("channel", "webchat"), ("outcome", "sent")))
    assert seen[sent] == 3
    assert seen[("mangluoi_outbox_rows", (("priority", "2"), ("state", "sent")))] == 3
    assert seen[("mangluoi_outbox_rows", (("priority", "2"), ("state", "queued")))] == 7
    assert seen[("mangluoi_outbox_rows", (("priority", "0"), ("state", "failed")))] == 0
    job = (("job", "housekeeping.retention"), ("result", "ok"))
    assert seen[("mangluoi_job_runs_total", job)] == 1
    duration = ("mangluoi_job_duration_seconds_count", (("job", "housekeeping.retention"),))
    assert seen[duration] == 1
    assert seen[("mangluoi_leader", ())] == 1.0


class _Follower:
    def is_leader(self) -> bool:
        return False


async def test_the_leader_hook_shows_in_metrics_and_health(served: BotApp) -> None:
    served.services.leadership = _Follower()
    assert (await _scrape(served))[("mangluoi_leader", ())] == 0.0
    health = await _get(served, "/healthz")
    assert health.status_code == 200  # a follower is healthy
    assert health.json()["leader"] == {"ok": True, "leader": False}


async def test_a_failing_job_is_counted_as_an_error() -> None:
    metrics = Metrics()

    async def broken(_context: object) -> None:
        raise RuntimeError("boom")

    context = SimpleNamespace(services=SimpleNamespace(metrics=metrics))
    with pytest.raises(RuntimeError):
        await timed("broken.job", broken)(context)  # type: ignore[arg-type]
    text = metrics.exposition().decode()
    assert 'mangluoi_job_runs_total{job="broken.job",result="error"} 1.0' in text
    assert Metrics().exposition() != text.encode()  # every app has its own registry


async def test_metrics_need_the_token_when_one_is_set(db_url: str, clock: FakeClock) -> None:
    config = make_config(db_url, web={"metrics_token": TOKEN})
    app = BotApp(config, seed_demo=True, clock=clock)
    await app.start()
    try:
        assert (await _get(app, "/metrics")).status_code == 401
        wrong = await _get(app, "/metrics", Authorization="Bearer not-the-token-at-all")
        assert wrong.status_code == 401
        right = await _get(app, "/metrics", Authorization=f"Bearer {TOKEN}")
        assert right.status_code == 200
        assert "mangluoi_leader 1.0" in right.text
        assert (await _get(app, "/healthz")).status_code == 200  # health stays open
    finally:
        await app.stop()


async def test_health_is_503_when_the_database_or_a_channel_is_not_ok(
    served: BotApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    webchat = served.channels["webchat"]

    async def unwell() -> Health:
        return Health(ok=False, detail="stuck")

    monkeypatch.setattr(webchat, "health", unwell)
    answer = await _get(served, "/healthz")
    assert answer.status_code == 503
    assert answer.json()["status"] == "error"
    assert answer.json()["channels"] == {
        "webchat": {"ok": False, "started": True, "detail": "stuck"}
    }
    assert answer.json()["database"] == {"ok": True}
    monkeypatch.undo()

    broken = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'x.db'}")
    monkeypatch.setattr(served, "sessions", session_factory(broken))
    answer = await _get(served, "/healthz")
    assert answer.status_code == 503
    assert answer.json()["database"] == {"ok": False, "detail": "unreachable"}
    assert answer.json()["channels"]["webchat"]["ok"] is True
    scrape = await _get(served, "/metrics")  # still answers, without the outbox depth
    assert scrape.status_code == 200 and "mangluoi_outbox_rows" not in scrape.text
    await broken.dispose()
