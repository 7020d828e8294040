"""Making data-derived text safe to show in Streamlit elements that render Markdown."""

from __future__ import annotations

import string

_MARKDOWN_SPECIALS = frozenset(string.punctuation)


def md_escape(value: object) -> str:
    """Return ``value`` as literal Markdown text.

    Streamlit's ``st.markdown``/``st.error``/``st.subheader``/… render Markdown (links, images,
    ``:red[...]`` directives, LaTeX). A village or file name must show as typed and never pull an
    image from a URL, so every ASCII punctuation character is backslash-escaped (CommonMark allows
    that for all of them) and line breaks become spaces.
    """
    text = " ".join(str(value).splitlines())
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def capitalised(label: str) -> str:
    """``villages`` → ``Villages``, for a translated label shown on its own (Chinese unchanged)."""
    return label[:1].upper() + label[1:]
