"""auditrules: checks completed case-audit pro formas against readable rule sets.

The command line is a thin layer over this API:

    import auditrules
    result = auditrules.check(["return.json"], rulesets=["my-theme.rules"])
    for finding in result.findings:
        print(finding.location.path, finding.rule, finding.message)

The names below are imported when first used, so that a command which needs little (such as
`auditrules --version`) starts quickly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._compiled import choose

# The compiled text reading where it was built from the sources as they are, else the sources.
choose()

if TYPE_CHECKING:
    from ._version import __version__
    from .engine import CheckResult, Engine, check
    from .errors import AuditrulesError, PluginError, RuleSetError, UsageError
    from .functions import FunctionSpec, Outcome, function
    from .hookspecs import hookimpl
    from .models import AuditForm, AuditSummary, Block, Finding, FormError, Location, RuleSetInfo

_WHERE = {
    "__version__": "._version",
    "CheckResult": ".engine", "Engine": ".engine", "check": ".engine",
    "AuditrulesError": ".errors", "PluginError": ".errors", "RuleSetError": ".errors",
    "UsageError": ".errors",
    "FunctionSpec": ".functions", "Outcome": ".functions", "function": ".functions",
    "hookimpl": ".hookspecs",
    "AuditForm": ".models", "AuditSummary": ".models", "Block": ".models", "Finding": ".models",
    "FormError": ".models", "Location": ".models", "RuleSetInfo": ".models",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'auditrules' has no attribute '{name}'")
    value = getattr(import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = [
    "AuditForm",
    "AuditSummary",
    "AuditrulesError",
    "Block",
    "CheckResult",
    "Engine",
    "Finding",
    "FormError",
    "FunctionSpec",
    "Location",
    "Outcome",
    "PluginError",
    "RuleSetError",
    "RuleSetInfo",
    "UsageError",
    "__version__",
    "check",
    "function",
    "hookimpl",
]
