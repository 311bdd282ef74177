"""Logging set-up that never writes a secret (tokens appear in Bot API URLs)."""

import logging
import sys

QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler.executors.default", "aiosqlite")


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every secret replaced by `***`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class RedactSecrets(logging.Filter):
    """Replace every configured secret in a log record with `***`."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with the secrets masked."""
        if not self.secrets:
            return True
        message = record.getMessage()
        masked = redact(message, self.secrets)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup(secrets: list[str], level: int = logging.INFO) -> None:
    """Log to standard error with secrets masked and chatty libraries quietened."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
