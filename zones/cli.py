"""Moved to :mod:`ui.cli`: the ``zones`` command is a face of its own beside the app.

This alias keeps ``zones.cli`` working for one release. Its names are those of :mod:`ui.cli` and
of the modules the command is made of, and replacing one here (``monkeypatch.setattr(
"zones.cli.read_scenario", ...)``) replaces it in the module that uses it.
``python -m zones.cli`` runs the command. The core itself never imports this module.
"""

import sys
import types

from ui import cli as _cli
from ui.cli import checks as _checks
from ui.cli import commands as _commands
from ui.cli import export as _export
from ui.cli import parser as _parser

if __name__ == "__main__":
    sys.exit(_cli.main())

_MODULES = (_cli, _commands, _export, _checks, _parser)


class _Alias(types.ModuleType):
    """A module whose names are read from, and written to, the modules of ``ui.cli``.

    Setting a name replaces it in the modules that hold it; deleting it puts their own value back
    (so ``monkeypatch``, which deletes what it set on a module that did not hold the name, undoes
    its change).
    """

    def __getattr__(self, name: str) -> object:
        for module in _MODULES:
            if hasattr(module, name):
                return getattr(module, name)
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)

    def __setattr__(self, name: str, value: object) -> None:
        owners = _owners(name)
        for module in owners:
            _ORIGINALS.setdefault((module.__name__, name), vars(module)[name])
            setattr(module, name, value)
        if not owners:
            super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        owners = _owners(name)
        for module in owners:
            setattr(module, name, _ORIGINALS.pop((module.__name__, name), vars(module)[name]))
        if not owners:
            super().__delattr__(name)

    def __dir__(self) -> list[str]:
        return sorted({name for module in _MODULES for name in dir(module)})


_ORIGINALS: dict[tuple[str, str], object] = {}


def _owners(name: str) -> list[types.ModuleType]:
    if name.startswith("__"):
        return []
    return [module for module in _MODULES if name in vars(module)]


_alias = _Alias(__name__, __doc__)
for _name in ("__file__", "__spec__", "__loader__", "__package__"):
    setattr(_alias, _name, globals()[_name])
sys.modules[__name__] = _alias
