"""Write examples/case-list.csv: a made-up council case list of 300 cases, for `auditrules sample`.

    python examples/make_case_list.py

Every name and number in it is invented. The same script always writes the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "case-list.csv"

# (how the council writes the area, its teams, how many cases)
AREAS = (
    ("Early Help", ("Early Help North", "Early Help South"), 55),
    ("CIN", ("Assessment Team 1", "Assessment Team 2", "Child in Need Team"), 65),
    ("CP Plan", ("Safeguarding Team East", "Safeguarding Team West"), 50),
    ("CLA", ("Children in Care Team 1", "Children in Care Team 2"), 60),
    ("Leaving Care", ("Leaving Care Service",), 30),
    ("Contact", ("MASH",), 40),
)
WORKERS = (
    "A. Adeyemi", "B. Walsh", "C. Nowak", "D. Hussain", "E. Clarke", "F. Okafor", "G. Evans", "H. Begum",
    "I. Thompson", "J. Kowalski", "K. O'Brien", "L. Patel", "M. Davies", "N. Robinson", "O. Mensah",
    "P. Shah", "R. Byrne", "S. Allen", "T. Hughes", "V. Khan",
)
THEMES = ("domestic abuse", "neglect", "parental mental health", "substance misuse",
          "child sexual exploitation", "strategy discussion", "missing from home")
SOURCES = ("Police", "School", "Health visitor", "GP", "Hospital", "Housing", "Family member",
           "Anonymous")


def main() -> None:
    rng = random.Random(20251203)
    number = 1000
    rows = []
    for written, teams, count in AREAS:
        for _ in range(count):
            number += 1
            themes = sorted({rng.choice(THEMES) for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))})
            if written in ("CIN", "CP Plan") and rng.random() < 0.3:
                themes = sorted({*themes, "strategy discussion"})
            if written == "CP Plan" and rng.random() < 0.4:
                themes = sorted({*themes, "domestic abuse"})
            audited = ""
            if written != "Contact" and rng.random() < 0.15:
                audited = (dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(330))).strftime("%d/%m/%Y")
            rows.append({
                "Case ref": f"C-{number}",
                "Service": written,
                "Team": rng.choice(teams),
                "Allocated worker": rng.choice(WORKERS),
                "Factors": "; ".join(themes),
                "Last audited": audited,
                "Referral source": rng.choice(SOURCES) if written == "Contact" else "",
            })
    rng.shuffle(rows)
    with TARGET.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} cases to {TARGET}")


if __name__ == "__main__":
    main()
