"""The installed version of auditrules."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__: str = version("auditrules")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
