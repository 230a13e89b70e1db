"""Build-time pages for the documentation site (mkdocs `hooks:`): the rule catalogue, written by
`auditrules docs` from the loaded rule sets, so it cannot drift from them. Nothing is written into
docs/: the pages are added to the build as generated files."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

CATALOGUE = "catalogue"


def on_files(files: Files, config: Any) -> Files:
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([sys.executable, "-m", "auditrules", "docs", "--output", folder],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"auditrules docs failed:\n{done.stderr}")
        for path in sorted(Path(folder).rglob("*.md")):
            uri = f"{CATALOGUE}/{path.relative_to(folder).as_posix()}"
            files.append(File.generated(config, uri, content=path.read_text(encoding="utf-8")))
    return files
