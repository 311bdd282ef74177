"""The bot's Prometheus metrics: one registry per app (never the process-wide default, so
several apps in one test run do not clash), filled by small calls in the dispatcher, the
sender and the job runner, and read by `GET /metrics`.

A leaf: it imports nothing of the project, so jobs, the dispatcher and the web server may
all use it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

T = TypeVar("T")

UPDATE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
JOB_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0)

SEND_OUTCOMES = ("sent", "failed", "unreachable", "rate_limited", "retried", "uncertain")
"""How one outbox send ended: delivered; refused for good (400, or out of retries); blocked
by the person (403); 429, to be retried after `retry_after`; 5xx or a connection never
made, retried; no answer in time after the request left (may have arrived; not resent)."""

DepthRows = dict[tuple[str, int], int]
"""Outbox rows per (state, priority)."""


class OutboxDepth(Collector):
    """The outbox depth per state and priority, as last read from the database (read at
    scrape time by the web server: one GROUP BY, see models.outbox.depth)."""

    def __init__(self) -> None:
        self.rows: DepthRows | None = None

    def collect(self) -> Iterator[Metric]:
        """Yield the depth gauge (nothing when the last read failed)."""
        if self.rows is None:
            return
        family = GaugeMetricFamily(
            "mangluoi_outbox_rows",
            "Outbox rows by state and priority (0 urgent, 1 notification, 2 bulk).",
            labels=["state", "priority"],
        )
        for (state, priority), count in sorted(self.rows.items()):
            family.add_metric([state, str(priority)], count)
        yield family


class Metrics:
    """Every metric of one bot process, on its own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.updates = Counter(
            "mangluoi_updates",
            "Incoming messages handled, by channel and kind of message.",
            ["channel", "kind"],
            registry=registry,
        )
        self.update_seconds = Histogram(
            "mangluoi_update_duration_seconds",
            "Time from receiving a message to having delivered the answer.",
            ["channel"],
            buckets=UPDATE_BUCKETS,
            registry=registry,
        )
        self.replies = Counter(
            "mangluoi_replies_sent",
            "Immediate replies delivered (messages), by channel.",
            ["channel"],
            registry=registry,
        )
        self.reply_failures = Counter(
            "mangluoi_reply_failures",
            "Immediate answers that could not be delivered, by channel.",
            ["channel"],
            registry=registry,
        )
        self.sends = Counter(
            "mangluoi_outbox_sends",
            "Outbox sends by channel and outcome "
            "(sent, failed, unreachable = 403, rate_limited = 429, retried).",
            ["channel", "outcome"],
            registry=registry,
        )
        self.job_runs = Counter(
            "mangluoi_job_runs",
            "Recurring job runs by job and result (ok, error).",
            ["job", "result"],
            registry=registry,
        )
        self.job_seconds = Histogram(
            "mangluoi_job_duration_seconds",
            "How long each recurring job run took.",
            ["job"],
            buckets=JOB_BUCKETS,
            registry=registry,
        )
        self.leader = Gauge(
            "mangluoi_leader",
            "1 when this process is the scheduler leader, else 0.",
            registry=registry,
        )
        self.leader.set(1)
        self.outbox = OutboxDepth()
        registry.register(self.outbox)

    def watch_leader(self, is_leader: Callable[[], bool]) -> None:
        """Read the leader gauge from `is_leader` at every scrape."""
        self.leader.set_function(lambda: 1.0 if is_leader() else 0.0)

    def sent(self, channel: str, outcome: str) -> None:
        """Count one outbox send and how it ended (one of SEND_OUTCOMES)."""
        self.sends.labels(channel=channel, outcome=outcome).inc()

    def handled(self, channel: str, kind: str, seconds: float) -> None:
        """Count one incoming message and how long answering it took."""
        self.updates.labels(channel=channel, kind=kind).inc()
        self.update_seconds.labels(channel=channel).observe(seconds)

    async def timed_job(self, job: str, run: Callable[[], Awaitable[T]]) -> T:
        """Run one job, counting the run, its result and its duration."""
        started = time.perf_counter()
        result = "error"
        try:
            value = await run()
            result = "ok"
            return value
        finally:
            self.job_runs.labels(job=job, result=result).inc()
            self.job_seconds.labels(job=job).observe(time.perf_counter() - started)

    def exposition(self) -> bytes:
        """The registry in the Prometheus text format."""
        return generate_latest(self.registry)
