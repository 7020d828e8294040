"""Exception classes of the planning core. All derive from ``ValueError`` (osmnx style).

An error a person can meet (the app, the ``zones`` command) is **coded**: it is raised with a
``code`` and the values that fill its words, and the words themselves are data in
:mod:`zones.i18n` (``error.<code>``, Chinese and English), as for the issues of a validation
report. ``error.message(lang)`` gives them in either language; ``str(error)`` is the English text,
for logs, tracebacks and scripts that match on it::

    raise StaffingError(code="staff.heads_short", n_zones=30, police=22, missing=8)

    error.message("zh")  # "30 个责任区需要 30 名片区长，但可用的民警只有 22 名，缺 8 名。…"
    str(error)  # "30 zones need 30 zone heads, but only 22 sworn officers are available: …"

A parameter named ``<name>_key`` holds a key whose text fills ``{<name>}``
(:func:`zones.i18n.t_nested`), and a :class:`ByLang` value (:func:`by_lang`) holds a part already
written in each language (the problems of a damaged file), so a message made of parts is read in
one language throughout.
An error raised with a plain message (older scripts, internal checks no person meets) keeps it in
both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from zones.i18n import DEFAULT_LANG, LANGS, t_nested

if TYPE_CHECKING:
    from zones.report import ValidationReport

ERROR_PREFIX = "error."


class ByLang(dict):
    """A parameter of a coded error written in each language (``{"zh": …, "en": …}``): the
    message in a language takes that language's text."""


def by_lang(make: Callable[[str], object]) -> ByLang:
    """A :class:`ByLang` parameter: ``make(lang)`` for every language.

    Parameters
    ----------
    make
        The part in a language (``lambda lang: issue.what(lang)``).

    Returns
    -------
    ByLang
        The part in each language.
    """
    return ByLang({lang: make(lang) for lang in LANGS})


def _in(params: dict[str, object], lang: str) -> dict[str, object]:
    return {k: v[lang] if isinstance(v, ByLang) else v for k, v in params.items()}


def _restore(cls: type[BaseException], args: tuple, state: dict[str, Any]) -> BaseException:
    """Rebuild a pickled error without calling its ``__init__`` (whatever its signature)."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ZonePlannerError(ValueError):
    """Base class of every error this package raises on purpose.

    Parameters
    ----------
    *args
        A plain message (not translated), as for any exception; left out for a coded error.
    code
        The error's code: its words are ``error.<code>`` in :mod:`zones.i18n`.
    **params
        The values that fill the words (``<name>_key`` values name other texts).

    Attributes
    ----------
    code
        The code, or ``None`` for an error raised with a plain message.
    params
        The values of a coded error.
    """

    def __init__(self, *args: object, code: str | None = None, **params: object) -> None:
        self.code = code
        self.params: dict[str, object] = dict(params)
        if code is not None and not args:
            args = (t_nested(ERROR_PREFIX + code, "en", _in(self.params, "en")),)
        super().__init__(*args)

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The error in ``lang`` ("zh" or "en"); a plain message as it was given.

        Parameters
        ----------
        lang
            ``"zh"`` (default) or ``"en"``.

        Returns
        -------
        str
            The words of the error for a person.
        """
        if self.code is None:
            return str(self)
        return t_nested(ERROR_PREFIX + self.code, lang, _in(self.params, lang))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


def error_message(error: BaseException | str, lang: str = DEFAULT_LANG) -> str:
    """The words of ``error`` for a person in ``lang``: :meth:`ZonePlannerError.message` for the
    core's errors (a :class:`ScenarioError` gives its report), ``str`` for anything else.

    Parameters
    ----------
    error
        An exception, or a text already made.
    lang
        ``"zh"`` (default) or ``"en"``.

    Returns
    -------
    str
        The message.
    """
    message = getattr(error, "message", None)
    if isinstance(error, BaseException) and callable(message):
        return str(message(lang))
    return str(error)


class ScenarioError(ZonePlannerError):
    """A scenario cannot be used; ``report`` lists every problem found, not just the first.

    ``str(error)`` is the report in Chinese; ``error.report.to_text("en")`` gives English.
    """

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.to_text("zh", only_errors=True))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """Return the error report in ``lang`` ("zh" or "en")."""
        return self.report.to_text(lang, only_errors=True)


class UploadError(ScenarioError):
    """An uploaded or archived file was refused before reading (size, type, unsafe zip member)."""


class PlanFileError(ZonePlannerError):
    """A folder is not a readable plan (missing layers or plan.json, or a damaged file)."""


__all__ = [
    "ERROR_PREFIX",
    "ByLang",
    "PlanFileError",
    "ScenarioError",
    "UploadError",
    "ZonePlannerError",
    "by_lang",
    "error_message",
]
