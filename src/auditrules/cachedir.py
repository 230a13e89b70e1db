"""The user's cache folder, where what one run worked out is kept for the next.

`~/.cache/auditrules` on Linux, `%LOCALAPPDATA%\\auditrules\\Cache` on Windows. Set
`AUDITRULES_CACHE` to another folder, or to `off` to keep nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "AUDITRULES_CACHE"
_OFF = frozenset({"", "off", "0", "no", "false"})


def cache_folder(part: str) -> Path | None:
    """The folder for one kind of kept work (`rulesets`, `patterns`), or None when the cache is
    switched off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        if chosen.strip().lower() in _OFF:
            return None
        return Path(chosen).expanduser() / part
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("auditrules", appauthor=False)) / part
