"""Secrets never reach the log: the Bot API token appears in every request URL."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import httpx
import pytest

from bot import logs
from bot.logs import RedactSecrets

TOKEN = "123456:TEST-token-abcdefghijklmnop"
SECRET = "webhook-secret_0123456789"


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """A handler on a test logger that formats through RedactSecrets into a string."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets([TOKEN, SECRET, ""]))
    logger = logging.getLogger("tests.redact")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield out
    logger.removeHandler(handler)
    logger.propagate = True


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Undo what logs.setup does to the root logger and the quiet libraries."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in logs.QUIET_LOGGERS}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)


def test_the_token_is_masked_in_the_message(stream: io.StringIO) -> None:
    logging.getLogger("tests.redact").info(f"calling https://api/bot{TOKEN}/getMe")
    assert stream.getvalue() == "INFO tests.redact: calling https://api/bot***/getMe\n"


def test_the_token_is_masked_in_arguments(stream: io.StringIO) -> None:
    logger = logging.getLogger("tests.redact")
    logger.warning("url=%s secret=%r n=%d", f"/bot{TOKEN}/sendMessage", SECRET, 3)
    assert stream.getvalue() == "WARNING tests.redact: url=/bot***/sendMessage secret='***' n=3\n"


def test_a_message_without_secrets_is_untouched(stream: io.StringIO) -> None:
    logger = logging.getLogger("tests.redact")
    record = logger.makeRecord("tests.redact", logging.INFO, __file__, 1, "%s+%s", (1, 2), None)
    assert RedactSecrets([TOKEN]).filter(record)
    assert (record.msg, record.args) == ("%s+%s", (1, 2))


def test_the_token_is_masked_in_exception_text(stream: io.StringIO) -> None:
    logger = logging.getLogger("tests.redact")
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/getUpdates failed")
    except RuntimeError:
        logger.exception("polling failed")
    text = stream.getvalue()
    assert TOKEN not in text
    assert "RuntimeError: request to /bot***/getUpdates failed" in text
    assert text.startswith("ERROR tests.redact: polling failed\nTraceback")


async def test_httpx_request_lines_are_masked(restore_logging: None) -> None:
    out = io.StringIO()
    logs.setup([TOKEN], level=logging.INFO)
    root = logging.getLogger()
    root.handlers[0].setStream(out)  # type: ignore[attr-defined]
    logging.getLogger("httpx").setLevel(logging.INFO)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"ok": True, "result": True})

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        response = await client.post(f"https://api.telegram.org/bot{TOKEN}/getMe")
    assert response.status_code == 200
    text = out.getvalue()
    assert "HTTP Request: POST https://api.telegram.org/bot***/getMe" in text
    assert TOKEN not in text


def test_setup_quietens_chatty_libraries(restore_logging: None) -> None:
    logs.setup([TOKEN])
    assert logging.getLogger("httpx").level == logging.WARNING
    assert logging.getLogger().level == logging.INFO
    assert len(logging.getLogger().handlers) == 1
