"""The command line: parses options, calls the library, formats the result.

Data goes to stdout; logs and progress go to stderr. A :class:`RiskTrackerError`
becomes one line with a hint and exit code 1, never a traceback.

Each module of this package registers its commands on :data:`app`; the imports below
are the registry, in the order the stages run.
"""

from __future__ import annotations

import logging
import sys

from ..errors import RiskTrackerError
from . import analysis, core, edition, evaluation, forecast, relations, signals, watch  # noqa: F401, E501 - importing registers the commands
from .app import app, stderr

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except RiskTrackerError as error:
        hint = f" (hint: {error.hint})" if error.hint else ""
        stderr.print(f"[red]error:[/] {error}{hint}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        stderr.print("interrupted")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last guard: no tracebacks for users
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        stderr.print(
            f"[red]internal error:[/] {type(error).__name__}: {error} "
            "(hint: run with RISKTRACKER_LOG_LEVEL=DEBUG for details and report it)",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)
