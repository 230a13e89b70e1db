"""The scorer's weights, as data: loaded from JSON, checked, and applied with plain arithmetic.

A model file holds, for each kind of statement it scores, a weight per feature, a bias, the
threshold at which a statement is flagged, and whether the model or the cue lists decide that
kind. Nothing in it is code: it is read as JSON (with orjson) and every value is checked, so a
damaged or foreign file is refused with a plain message and loading one can run nothing.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from ..errors import AuditrulesError
from ..results import model_words
from .features import Features

FORMAT = "auditrules-scorer"
VERSION = 1
# What each part of a model file scores: a judgement that does not appraise, a plan target that
# cannot be measured, a recommendation that is not an action, an analysis left unanswered.
KINDS = ("judgement", "target-measurable", "recommendation-action", "analysis", "concern-action",
         "concern-clause", "concern-gap", "victim-only", "related-words")
"""(`concern-action` is the matcher an analysis is read with: how likely an action answers a
concern; its positive class is "answers". `concern-clause` reads how likely a clause of an
analysis names a concern; its positive class is "names one". `concern-gap` weighs, from those
two, how likely a clause names a concern that no action answers; its positive class is "left
unanswered". `victim-only` reads, from the words of an analysis and its actions, how likely the
analysis names harm by a person while every action falls on others; its positive class is
"victim-only". `related-words` scores nothing: its
weights are pairs of words near in meaning, "<stem>|<stem>", each with how near they are, which
the matcher reads.)"""
_MAX_BYTES = 20_000_000
_MAX_FEATURES = 500_000


class ScorerError(AuditrulesError):
    """A model file that cannot be used: missing, damaged, or not a model file."""


@dataclass(frozen=True)
class Weighed:
    """One feature's part in a score: its name, how much it pushed (positive: towards poor),
    and the words of the text it stands for."""

    feature: str
    weight: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class KindModel:
    """The weights for one kind of statement."""

    kind: str
    bias: float
    weights: dict[str, float]
    threshold: float
    use: str  # "model": the model decides; "rules": the cue lists decide and the model explains
    dev: dict[str, Any]
    vocabulary: Collection[str] = field(init=False, repr=False, compare=False)
    """The features this kind weighs (the names in `weights`, looked up there rather than copied
    into a set of their own: a copy of the matcher's 153,000 names took 20-35 ms of every run
    that reads an analysis): word features outside it need not be collected."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "vocabulary", self.weights)

    def probability(self, features: Features) -> float:
        """How likely the statement is poor, from 0 to 1."""
        total = self.bias + sum(self.weights.get(name, 0.0) * value
                                for name, value in features.values.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def weighed(self, features: Features, limit: int = 12) -> list[Weighed]:
        """The features that pushed most, strongest first, with the words they stand for."""
        pushes = sorted(((self.weights[name] * value, name) for name, value in features.values.items()
                         if self.weights.get(name)), key=lambda pair: -abs(pair[0]))[:limit]
        return [Weighed(name, push, features.words_of(name)) for push, name in pushes]


@dataclass(frozen=True)
class Scorer:
    """A model file: its kinds, and what it was trained on."""

    path: str
    sha256: str
    trained: str
    corpus_sha256: str
    statements: int
    kinds: dict[str, KindModel]
    labels: int = 0
    """How many of a council's own labels it learned from (0: the bundled model)."""

    def kind(self, name: str) -> KindModel | None:
        return self.kinds.get(name)

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def summary(self) -> str:
        """Which model this is, for reports: its file, hash, what it learned from and when."""
        return model_words(self.info())

    def info(self) -> dict[str, Any]:
        """The model as a report names it."""
        return {"file": self.name, "sha256": self.sha256, "trained": self.trained,
                "statements": self.statements, "labels": self.labels}


def _need(condition: bool, path: str, what: str) -> None:
    if not condition:
        raise ScorerError(f"{path}: not a usable model file: {what}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _finite_sum(values: Iterable[float]) -> bool:
    # A plain sum, a fifth of the time of an exact one: it is finite only when every number is,
    # and a sum too large for a float means weights no model could use.
    try:
        return math.isfinite(sum(values))
    except OverflowError:  # whole numbers beyond a float
        return False


def _kind(path: str, name: str, data: Any) -> KindModel:
    _need(isinstance(data, dict), path, f"kind '{name}' is not a table")
    weights = data.get("weights")
    _need(isinstance(weights, dict) and len(weights) <= _MAX_FEATURES, path,
          f"kind '{name}' has no weights table")
    # JSON keys are always text; each weight must be a number (not true or false), and their sum
    # finite: it is only when every one of them is, and a number too large to add up is no usable
    # weight.
    values = weights.values()
    whole = 0
    for value in values:
        if type(value) is not float:
            _need(type(value) is int, path, f"kind '{name}' has a weight that is not a number")
            whole += 1
    _need(_finite_sum(values), path, f"kind '{name}' has a weight that is not a number")
    _need(_number(data.get("bias")), path, f"kind '{name}' has no bias")
    _need(_number(data.get("threshold")) and 0 < data["threshold"] < 1, path,
          f"kind '{name}' has no threshold between 0 and 1")
    _need(data.get("use") in ("model", "rules"), path, f"kind '{name}' says neither model nor rules decide")
    dev = data.get("dev", {})
    _need(isinstance(dev, dict), path, f"kind '{name}' has a dev entry that is not a table")
    if whole:
        weights = {k: float(v) for k, v in weights.items()}
    return KindModel(name, float(data["bias"]), weights,
                     float(data["threshold"]), data["use"], dev)


def load(path: str | Path) -> Scorer:
    """Read and check a model file. Raises ScorerError with a plain message."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ScorerError(f"{where}: the model file cannot be read: {exc.strerror or exc}") from None
    return loads(raw, where)


class _Digest:
    """The SHA-256 of a model file, worked out on another thread while the file is read: hashing
    lets other threads run, so on a machine with two cores the two take the time of one."""

    def __init__(self, raw: bytes) -> None:
        self.value = ""
        self.thread = threading.Thread(target=self.work, args=(raw,), name="model digest", daemon=True)
        self.thread.start()

    def work(self, raw: bytes) -> None:
        self.value = hashlib.sha256(raw).hexdigest()

    def hexdigest(self) -> str:
        self.thread.join()
        return self.value


def loads(raw: bytes, where: str) -> Scorer:
    _need(len(raw) <= _MAX_BYTES, where, f"it is larger than {_MAX_BYTES // 1_000_000} MB")
    digest = _Digest(raw)
    try:
        # orjson reads the file in a third of the time json takes; a model file is a few MB.
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        import json  # reads what orjson refuses (Infinity, NaN, 1e400), so the value can be named

        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise ScorerError(f"{where}: not a usable model file: it is not JSON") from None
    _need(isinstance(data, dict) and data.get("format") == FORMAT, where,
          f"it does not say format \"{FORMAT}\"")
    _need(data.get("version") == VERSION, where, f"it is version {data.get('version')!r}, not {VERSION}")
    kinds = data.get("kinds")
    _need(isinstance(kinds, dict) and bool(kinds), where, "it scores no kind of statement")
    unknown = sorted(set(kinds) - set(KINDS))
    _need(not unknown, where, f"it scores unknown kinds: {', '.join(unknown)}")
    for key in ("trained", "corpus_sha256"):
        _need(isinstance(data.get(key), str), where, f"it has no {key}")
    _need(isinstance(data.get("statements"), int), where,
          "it does not say how many statements it learned from")
    labels = data.get("labels", 0)
    _need(type(labels) is int and labels >= 0, where, "its count of labels is not a whole number")
    return Scorer(where, digest.hexdigest(), data["trained"], data["corpus_sha256"],
                  data["statements"], {name: _kind(where, name, value) for name, value in kinds.items()},
                  labels)


BUNDLED = "scorer.json"


@lru_cache(maxsize=1)
def bundled() -> Scorer | None:
    """The model shipped with auditrules, or None when the package holds none."""
    resource = resources.files("auditrules.scoring").joinpath("data", BUNDLED)
    if not resource.is_file():
        return None
    return loads(resource.read_bytes(), f"auditrules/scoring/data/{BUNDLED}")


__all__ = ["BUNDLED", "KindModel", "Scorer", "ScorerError", "Weighed", "bundled", "load", "loads"]
