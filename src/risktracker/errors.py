"""One error tree. Every error carries a one-line message and a hint for the user.

The CLI prints ``str(error)`` and ``error.hint`` and exits 1; library callers can
catch :class:`RiskTrackerError` to handle anything this package raises on purpose.
"""

from __future__ import annotations


class RiskTrackerError(Exception):
    """Base of every error the package raises deliberately."""

    hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class ConfigError(RiskTrackerError):
    hint = "Check the settings file and the RISKTRACKER_* environment variables."


class KnowledgeBaseError(RiskTrackerError):
    hint = "Fix the YAML file named in the message; `risktracker kb check` validates a folder."


class StoreError(RiskTrackerError):
    hint = "Run `risktracker init` or check RISKTRACKER_DB."


class IngestError(RiskTrackerError):
    """One item (file, entry, page) could not be read; the run goes on."""

    hint = "The item was skipped and recorded in the ingest errors (`risktracker status`)."

    def __init__(self, location: str, reason: str, hint: str | None = None) -> None:
        super().__init__(f"{location}: {reason}", hint)
        self.location = location
        self.reason = reason


class EditionError(RiskTrackerError):
    hint = "Check the period (e.g. 2021-Q3) and the edition number (e.g. 3/2021)."


class InputError(RiskTrackerError):
    hint = "Check the command's arguments (`risktracker COMMAND --help`)."
