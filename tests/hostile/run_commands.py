"""Run auditrules commands in one process and print what each did, as JSON.

Reads a JSON list of commands (each a list of arguments) on standard input. Each command gets
at most `AUDITRULES_COMMAND_SECONDS` (default 60) seconds; one that takes longer is stopped and
reported as timed out. Used by the hostile-corpus tests, which start this in a subprocess with
a timeout of its own, so that no hostile file can hang the test run.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from typing import Any

from click.testing import CliRunner

from auditrules.cli import cli
from auditrules.plugins import get_host


class TimedOut(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise TimedOut


def main() -> None:
    commands = json.loads(sys.stdin.read())
    seconds = int(os.environ.get("AUDITRULES_COMMAND_SECONDS", "60"))
    get_host().add_commands(cli)
    signal.signal(signal.SIGALRM, _alarm)
    results = []
    for args in commands:
        signal.alarm(seconds)
        try:
            result = CliRunner().invoke(cli, args, catch_exceptions=True)
        except TimedOut:
            results.append({"args": args, "timed_out": True})
            continue
        finally:
            signal.alarm(0)
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        results.append({
            "args": args, "timed_out": isinstance(result.exception, TimedOut),
            "code": result.exit_code, "stdout": result.stdout, "stderr": result.stderr,
            "crash": "".join(traceback.format_exception(result.exception)) if crashed else None,
        })
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
