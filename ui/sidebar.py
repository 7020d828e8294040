"""The sidebar: language, how to read uploads, the uploader and the way back to the sample.

The uploader takes Excel files too (:data:`SPREADSHEET_TYPES`): the core cannot read them and
says so with its advice ("save as CSV UTF-8"), which Streamlit's own "invalid extension" refusal
would hide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import streamlit as st

from ui import state
from ui.i18n import LANGS, t
from ui.loading import MAX_UPLOAD_MB, ReadOptions
from zones.scenario.io import SPREADSHEET_SUFFIXES

SPREADSHEET_TYPES: tuple[str, ...] = tuple(s.lstrip(".") for s in SPREADSHEET_SUFFIXES)
UPLOAD_TYPES: tuple[str, ...] = ("zip", "gpkg", "geojson", "json", "csv", *SPREADSHEET_TYPES)


@dataclass(frozen=True)
class SidebarInputs:
    """What the user chose in the sidebar.

    ``files`` is ``None`` when nothing is uploaded (show the sample), else filename → bytes.
    ``duplicates`` lists file names uploaded more than once (refused: one would be lost).
    """

    lang: str
    options: ReadOptions
    files: Mapping[str, bytes] | None = None
    duplicates: tuple[str, ...] = field(default=())


def language() -> str:
    """Draw the language switch at the top of the sidebar; returns the language."""
    return st.sidebar.radio(
        t("app.lang", state.current_lang()),
        LANGS,
        format_func=lambda code: t(f"app.lang_name.{code}", code),
        horizontal=True,
        key=state.LANG_KEY,
    )


def render(lang: str | None = None) -> SidebarInputs:
    """Draw the sidebar and return the choices (the language switch too unless ``lang`` is
    given: then :func:`language` was drawn already)."""
    sb = st.sidebar
    if lang is None:
        lang = language()
    sb.header(t("app.sidebar.data", lang))
    coord_source: str = sb.selectbox(
        t("app.coord_source", lang),
        state.COORD_SOURCES,
        index=state.COORD_SOURCES.index(state.coord_source()),
        format_func=lambda code: t(f"app.coord.{code}", lang),
        help=t("app.coord_source.help", lang),
        key=state.coord_source_widget_key(lang),
    )
    st.session_state[state.COORD_SOURCE_KEY] = coord_source
    swap_axes = sb.checkbox(
        t("app.swap_axes", lang), help=t("app.swap_axes.help", lang), key=state.SWAP_AXES_KEY
    )
    uploads = sb.file_uploader(
        t("app.upload", lang),
        type=list(UPLOAD_TYPES),
        accept_multiple_files=True,
        help=t("app.upload.help", lang, limit=MAX_UPLOAD_MB),
        max_upload_size=MAX_UPLOAD_MB,
        key=state.upload_key(),
    )
    sb.button(
        t("app.use_sample", lang),
        on_click=state.reset_to_sample,
        disabled=not uploads,
        key=state.SAMPLE_BUTTON_KEY,
    )
    options = ReadOptions(coord_source=coord_source, swap_axes=bool(swap_axes))
    if not uploads:
        return SidebarInputs(lang=lang, options=options)
    files: dict[str, bytes] = {}
    duplicates: list[str] = []
    for upload in uploads:
        if upload.name in files:
            duplicates.append(upload.name)
        files[upload.name] = upload.getvalue()  # in memory only; the name is never a path
    return SidebarInputs(lang=lang, options=options, files=files, duplicates=tuple(duplicates))
