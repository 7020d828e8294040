"""Streamlit entry point of the responsibility-zone planner: page setup, then the UI modules.

Run with ``streamlit run app.py`` from the repository root (``.streamlit/config.toml`` keeps it
offline: no usage statistics, no static serving, no file watching, and serves on localhost).
When a users file is configured (:mod:`ui.users`), nothing but the language switch and the
sign-in form is drawn until a user signs in (:func:`ui.auth.gate`). The page's ``<html lang>``
follows the language switch (``zh-CN`` or ``en``).
"""

from __future__ import annotations

import json
import logging

import streamlit as st

from maps.view import HTML_LANG
from ui import auth, scenario_page, sidebar, state
from ui.i18n import t

logger = logging.getLogger("zoneplanner.app")

st.set_page_config(page_title=t("app.page_title", state.current_lang()), layout="wide")

lang = sidebar.language()
# Streamlit's page says lang="en" whatever the language: set it to the page's own, so that the
# browser draws Chinese with Chinese (not Japanese) glyph shapes and reads it out as Chinese. A
# script in the page itself (st.html runs it there, not in a frame); it runs again only when the
# language changes. No Streamlit setting exists for it (its index.html is served as it is).
st.sidebar.html(
    f"<script>document.documentElement.lang = {json.dumps(HTML_LANG[lang])};</script>",
    unsafe_allow_javascript=True,
)
account = auth.gate(lang)  # when sign-in is on and nobody has signed in: the form, then stop
auth.account_box(account, lang)
inputs = sidebar.render(lang)
try:
    scenario_page.render(inputs)
except Exception:  # the last guard: a traceback never reaches the page
    logger.exception("the scenario page failed")
    st.error(t("app.error.page", inputs.lang))
