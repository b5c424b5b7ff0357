"""pyPgSTAC Version."""

from pypgstac.version import __version__

__all__ = ["__version__"]
