"""auditrules: checks completed case-audit pro formas against readable rule sets.

The command line is a thin layer over this API:

    import auditrules
    result = auditrules.check(["return.json"], rulesets=["my-theme.rules"])
    for finding in result.findings:
        print(finding.location.path, finding.rule, finding.message)
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("auditrules")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

from .engine import CheckResult, Engine, check
from .errors import AuditrulesError, PluginError, RuleSetError, UsageError
from .functions import FunctionSpec, Outcome, function
from .hookspecs import hookimpl
from .models import (
    AuditForm,
    AuditSummary,
    Block,
    Finding,
    FormError,
    Location,
    RuleSetInfo,
)

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
