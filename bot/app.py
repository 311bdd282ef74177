"""The running bot: database, dispatcher, channels, scheduler and web server, started and
stopped together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Callable, Iterator
from datetime import datetime

import uvicorn
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import jobs
from bot import admin_tools, demo
from bot.channels import registry
from bot.channels.base import Channel, Menus
from bot.config import Config
from bot.context import Services
from bot.dispatcher import Dispatcher
from bot.leadership import Leadership, Listener
from bot.router import Router
from bot.startup import StartFailure
from bot.texts import admin as t
from bot.web import server
from handlers import build_router
from jobs.context import JobContext
from jobs.sender import Sender
from models import members
from models.base import utcnow
from models.engine import create_engine, session_factory
from models.migrate import upgrade_async

log = logging.getLogger(__name__)


class _QuietServer(uvicorn.Server):
    """uvicorn without its own signal handling: the app stops it on SIGINT/SIGTERM."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class BotApp:
    """Everything one bot process runs."""

    def __init__(
        self,
        config: Config,
        *,
        seed_demo: bool | None = None,
        clock: Callable[[], datetime] = utcnow,
        router: Router | None = None,
    ) -> None:
        self.config = config
        # The web chat always acts as the fictional demo people, never as real members.
        self.seed_demo = config.web.webchat_enabled if seed_demo is None else seed_demo
        self.services = Services(config=config, clock=clock)
        self.router = router or build_router()
        try:
            self.engine: AsyncEngine = create_engine(config.database.url)
        except OSError as error:  # the SQLite file's folder cannot be made
            problem = t.DATABASE_UNREACHABLE.format(error=_brief(error))
            raise StartFailure("database.url", problem) from None
        self.sessions: async_sessionmaker[AsyncSession] = session_factory(self.engine, clock=clock)
        self.dispatcher = Dispatcher(
            router=self.router, sessions=self.sessions, services=self.services
        )
        self.channels: dict[str, Channel] = self.services.channels
        self.sender = Sender(
            sessions=self.sessions, services=self.services, channels=self.channels
        )
        wiring = registry.Wiring(
            sessions=self.sessions,
            handle=self.sender.observe(self.dispatcher.handle),
            on_unreachable=self.mark_unreachable,
            clock=clock,
        )
        self.channels.update(registry.build(config, wiring))
        self.started_channels: set[str] = set()
        services = self.services
        services.metrics.watch_leader(lambda: services.leadership.is_leader())
        self.scheduler = AsyncIOScheduler(timezone=config.zone)
        self.job_context = JobContext(
            sessions=self.sessions, services=self.services, channels=self.channels
        )
        self.leadership = Leadership(
            sessions=self.sessions, clock=clock, on_gain=self._lead, on_loss=self._follow
        )
        services.leadership = _Leading(self.leadership)
        self._web: uvicorn.Server | None = None
        self._web_task: asyncio.Task[None] | None = None
        self._catching_up: asyncio.Task[None] | None = None
        self._taking_over = False
        """Leadership gained from now on is taken over from another process."""

    async def mark_unreachable(self, channel: str, chat_id: str, reason: str) -> None:
        """Record that a person can no longer be reached on a channel (blocked the bot)."""
        async with self.sessions() as session:
            count = await members.mark_unreachable(
                session, channel=channel, chat_id=chat_id, reason=reason
            )
            await session.commit()
        log.info(
            "%s chat %s unreachable (%s); %d identities marked", channel, chat_id, reason, count
        )

    async def start(self, *, web: bool = True) -> None:
        """Migrate the database, then start channels, scheduler and web server.

        Raises `StartFailure` (naming the setting) when the database cannot be opened, the
        web port is taken or a channel cannot start; what had started is stopped again.
        """
        listener = self._bind_web() if web else None
        try:
            await self._start_parts()
            if listener is not None:
                await self._start_web(listener)
        except BaseException:
            if listener is not None and self._web is None:
                listener.close()
            await self.stop()
            raise

    async def _start_parts(self) -> None:
        try:
            await upgrade_async(self.config.database.url)
        except (OSError, SQLAlchemyError, TimeoutError) as error:
            problem = t.DATABASE_UNREACHABLE.format(error=_brief(error))
            raise StartFailure("database.url", problem) from None
        if self.seed_demo:
            async with self.sessions() as session:
                await demo.seed(session)
                await session.commit()
        await self._bootstrap_admins()
        for channel in self.channels.values():
            await channel.start()
            self.started_channels.add(channel.name)
            if channel.username:
                self.services.bot_usernames[channel.name] = channel.username
        await self._publish_menus()
        jobs.register_process_jobs(self.scheduler, self.job_context)
        self.scheduler.start()
        await self.sender.start()
        self._taking_over = False
        await self.leadership.start()
        self._taking_over = True

    @property
    def is_leader(self) -> bool:
        """This process holds the scheduler lease: it runs the recurring jobs and polls."""
        return self.leadership.is_leader

    def on_leadership(self, listener: Listener) -> None:
        """Call `listener(is_leader)` whenever this process gains or loses the leadership."""
        self.leadership.on_change(listener)

    async def _lead(self) -> None:
        """Became the leader: run the leader's jobs and poll the polling channels. Taking
        over from another process (it died or stepped down), run each job once at once
        rather than a full interval later; leading from the start, keep to the intervals."""
        jobs.register_leader_jobs(self.scheduler, self.job_context)
        if self._taking_over:
            self._catching_up = asyncio.create_task(
                jobs.run_leader_jobs(self.job_context), name="leader-catch-up"
            )
        for channel in self.channels.values():
            if channel.polls:
                await channel.start_polling()

    async def _follow(self) -> None:
        """No longer the leader: drop the leader's jobs and stop polling."""
        jobs.remove_leader_jobs(self.scheduler)
        catching_up, self._catching_up = self._catching_up, None
        if catching_up is not None and not catching_up.done():
            catching_up.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await catching_up
        for channel in self.channels.values():
            if channel.polls:
                try:
                    await channel.stop_polling()
                except Exception:
                    log.exception("stopping the polling of %s failed", channel.name)

    async def stop(self) -> None:
        """Stop everything in reverse order."""
        await self.leadership.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.sender.stop()
        if self._web is not None and self._web_task is not None:
            self._web.should_exit = True
            await self._web_task
        for channel in reversed(list(self.channels.values())):
            self.started_channels.discard(channel.name)
            try:
                await channel.stop()
            except Exception:
                log.exception("stopping channel %s failed", channel.name)
        await self.engine.dispose()

    def _bind_web(self) -> socket.socket:
        """Take the web port now, so a busy port stops the start before anything runs."""
        host, port = self.config.web.host, self.config.web.port
        try:
            family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
            listener = socket.create_server((host, port), family=family)
        except OSError as error:
            problem = t.PORT_BUSY.format(host=host, port=port, error=_brief(error))
            raise StartFailure("web.port", problem) from None
        listener.setblocking(False)
        return listener

    async def _start_web(self, listener: socket.socket) -> None:
        config = uvicorn.Config(
            server.build(self),
            host=self.config.web.host,
            port=self.config.web.port,
            log_level="warning",
            lifespan="off",
        )
        self._web = _QuietServer(config)
        self._web_task = asyncio.create_task(self._web.serve(sockets=[listener]))
        while not self._web.started:
            if self._web_task.done():
                await self._web_task
                raise RuntimeError("web server did not start")
            await asyncio.sleep(0.02)

    @property
    def web_port(self) -> int:
        """The port the web server listens on (useful when configured as 0)."""
        assert self._web is not None
        for server_ in self._web.servers:
            for sock in server_.sockets:
                return int(sock.getsockname()[1])
        return self.config.web.port

    async def _bootstrap_admins(self) -> None:
        entries = self.config.bot.admins
        if not entries:
            return
        async with self.sessions() as session:
            for entry in entries:
                channel, _, user_id = entry.partition(":")
                await admin_tools.grant(
                    session, channel=channel, user_id=user_id, role="admin", by="config"
                )
            await session.commit()

    async def _publish_menus(self) -> None:
        """Publish the command menus on every channel (a no-op where there are none)."""
        menus: Menus = {
            role: [(c.name, c.description) for c in self.router.commands_for(role)]
            for role in ("guest", "member", "coordinator", "admin")
        }
        chats: dict[str, dict[str, str]] = {name: {} for name in self.channels}
        async with self.sessions() as session:
            for role in ("coordinator", "admin"):
                for member in await members.members_with_role(session, role=members.Role(role)):
                    assert member.id is not None
                    for identity in await members.identities_of(session, member_id=member.id):
                        if identity.channel in chats:
                            chats[identity.channel][identity.chat_id] = role
        for name, channel in self.channels.items():
            await channel.publish_menus(menus, chats[name])

    async def run_until_signal(self, started: Callable[[], None] | None = None) -> None:
        """Start, call `started`, wait for SIGINT/SIGTERM, then stop cleanly."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await self.start()
        if started is not None:
            started()
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            await self.stop()


def _brief(error: BaseException) -> str:
    """The first line of an error, short enough for a one-line start failure."""
    text = str(getattr(error, "orig", None) or error) or type(error).__name__
    return text.splitlines()[0][:200]


class _Leading:
    """The app's lease-based leadership as the status /healthz and /metrics ask."""

    def __init__(self, leadership: Leadership) -> None:
        self._leadership = leadership

    def is_leader(self) -> bool:
        """True while this process holds the scheduler lease."""
        return self._leadership.is_leader
