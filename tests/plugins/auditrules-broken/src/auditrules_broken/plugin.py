"""Imports a module that is not installed, so loading this plugin fails."""

import auditrules_missing_dependency  # noqa: F401
