"""Write examples/rounds/: two rounds of an audit of practice, a year apart, for `auditrules impact`.

    python examples/make_rounds.py

Each round is a file of 20 write-ups made from the weak and the strong example write-ups (with
their own audit ids and case references). In the first round most are written like the weak one;
in the second, after the recommendations of the first, most are written like the strong one, some
like the weak one's re-audit (part put right), and six of its cases are audited again from the
first. The same script always writes the same files.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
TARGET = HERE / "rounds"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return data


# The workers whose cases are audited (as in case-list.csv), with their teams.
WORKERS = (
    ("A. Adeyemi", "Early Help North"), ("B. Walsh", "Assessment Team 1"),
    ("C. Nowak", "Safeguarding Team East"), ("D. Hussain", "Children in Care Team 1"),
    ("E. Clarke", "Leaving Care Service"), ("F. Okafor", "Safeguarding Team West"),
    ("G. Evans", "Child in Need Team"), ("H. Begum", "Children in Care Team 2"),
)


def _form(model: dict[str, Any], audit_id: str, case_ref: str, date: str, worker: int) -> dict[str, Any]:
    form = copy.deepcopy(model)
    form["audit"]["id"] = audit_id
    form["audit"]["date"] = date
    form["audit"]["practitioner"], form["audit"]["team"] = WORKERS[worker % len(WORKERS)]
    form.setdefault("child", {})["ref"] = case_ref
    return form


def main() -> None:
    weak, strong = _load("weak-writeup.yaml"), _load("strong-writeup.yaml")
    partly = _load("weak-writeup-reaudit.yaml")  # the weak write-up with some of it put right
    TARGET.mkdir(exist_ok=True)
    first = [_form(weak if n < 14 else strong, f"A-2024-{100 + n}", f"C-{7000 + n}", "2024-11-14", n)
             for n in range(20)]
    # The second round audits six of the first round's cases again (C-7000 to C-7005).
    def model(n: int) -> dict[str, Any]:
        return weak if n in (3, 11) else partly if n in (1, 8, 17, 19) else strong

    # A case audited again keeps its worker; the others are new cases of the same workers.
    second = [_form(model(n), f"A-2025-{200 + n}", f"C-{7000 + n}" if n < 6 else f"C-{8000 + n}",
                    "2025-11-13", n if n < 6 else n + 3) for n in range(20)]
    for name, forms in (("round-1-2024.json", first), ("round-2-2025.json", second)):
        (TARGET / name).write_text(json.dumps(forms, indent=1, default=str) + "\n", encoding="utf-8")
        print(f"wrote {len(forms)} write-ups to {TARGET / name}")


if __name__ == "__main__":
    main()
