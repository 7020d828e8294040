"""Making data-derived text safe to show in Streamlit elements that render Markdown."""

from __future__ import annotations

import re
import string

_MARKDOWN_SPECIALS = frozenset(string.punctuation)


def md_escape(value: object) -> str:
    """Return ``value`` as literal Markdown text.

    Streamlit's ``st.markdown``/``st.error``/``st.subheader``/… render Markdown (links, images,
    ``:red[...]`` directives, LaTeX). A village or file name must show as typed and never pull an
    image from a URL, so every ASCII punctuation character is backslash-escaped (CommonMark allows
    that for all of them), line breaks become spaces, and ``://`` and ``www.`` get an invisible
    word joiner so that GitHub-flavoured Markdown does not turn them into links.
    """
    text = " ".join(str(value).splitlines())
    # GitHub-flavoured autolinks ignore backslashes: a word joiner (invisible) breaks them
    text = text.replace("://", ":\u2060//")
    text = re.sub(r"(?i)\bwww\.", lambda m: m.group(0)[:-1] + "\u2060.", text)
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def capitalised(label: str) -> str:
    """``villages`` → ``Villages``, for a translated label shown on its own (Chinese unchanged)."""
    return label[:1].upper() + label[1:]
