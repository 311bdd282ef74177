"""A start that cannot go on: which setting to look at, and why, in one line."""


class StartFailure(Exception):
    """The bot cannot start; `setting` names the config key a deployer should check."""

    def __init__(self, setting: str, reason: str) -> None:
        super().__init__(f"{setting}: {reason}")
        self.setting = setting
        self.reason = reason
