"""Sign-in for a shared server: the form, the signed-in account, and what each role may see.

With no users file (:func:`ui.users.users_file`) sign-in is off: one local user with full
rights, as on a station's own computer. With one, :func:`gate` shows only the sign-in form until
a user signs in; name and role are then kept in ``st.session_state`` (``auth.user``,
``auth.role``) for this browser session (a reload asks again: nothing is kept in cookies). The
users file is read on every run, so a removed user is signed out at their next click and a new
role applies at once. Wrong passwords cost :data:`FAIL_DELAY_S` each, and after
:data:`MAX_ATTEMPTS` of them the session's form is locked for :data:`LOCK_S`.

Roles decide the privacy profiles (:func:`allowed_profiles`): a ``viewer`` gets the public
profile only, a ``commander`` every profile. Widget and state keys start with ``auth.``.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import time
from dataclasses import dataclass

import streamlit as st

from maps.people import PROFILES, PUBLIC
from ui import audit, state, users
from ui.i18n import t
from ui.text import md_escape

logger = logging.getLogger(__name__)

USER_KEY = "auth.user"
ROLE_KEY = "auth.role"
FAILURES_KEY = "auth.failures"
LOCKED_UNTIL_KEY = "auth.locked_until"
FORM_KEY = "auth.form"
SIGN_OUT_KEY = "auth.sign_out"
MAX_ATTEMPTS = 5  # wrong passwords in a row before the form is locked ...
LOCK_S = 60  # ... for this many seconds
FAIL_DELAY_S = 1.0  # every wrong password waits this long


@dataclass(frozen=True)
class Account:
    """Who uses this session: a signed-in user, or the local user when sign-in is off."""

    name: str
    role: str
    signed_in: bool = True


def _local_name() -> str:
    with contextlib.suppress(Exception):  # no login name in some containers
        return getpass.getuser() or "local"
    return "local"


def sign_in_required() -> bool:
    """Whether a users file is configured (sign-in on)."""
    return users.users_file() is not None


def current_account() -> Account | None:
    """The account of this session: the local user (full rights) when sign-in is off, the
    signed-in user, or ``None`` when sign-in is on and nobody has signed in."""
    if not sign_in_required():
        return Account(_local_name(), users.COMMANDER, signed_in=False)
    name, role = st.session_state.get(USER_KEY), st.session_state.get(ROLE_KEY)
    if isinstance(name, str) and role in users.ROLES:
        return Account(name, role)
    return None


def allowed_profiles(account: Account | None = None) -> tuple[str, ...]:
    """The privacy profiles ``account`` (default: this session's) may see: every profile for a
    commander, the public one for a viewer or nobody."""
    account = current_account() if account is None else account
    if account is not None and account.role == users.COMMANDER:
        return PROFILES
    return (PUBLIC,)


def gate(lang: str) -> Account:
    """This session's account; when sign-in is on and nobody has signed in, draw only the
    sign-in form and stop the run there (nothing else of the app is sent to the page).

    Anything unexpected stops the run too (logged, one translated message): sign-in fails
    closed.
    """
    try:
        return _gate(lang)
    except Exception:  # st.stop()/st.rerun() are BaseExceptions and pass through
        logger.exception("sign-in failed")
        st.error(t("app.error.page", lang))
        st.stop()


def _gate(lang: str) -> Account:
    path = users.users_file()
    if path is None:
        return Account(_local_name(), users.COMMANDER, signed_in=False)
    try:
        known = users.read_users(path)
    except users.UsersFileError:
        logger.exception("sign-in is closed: the users file cannot be read")
        st.error(t("app.auth.file_error", lang))
        st.stop()
    account = _still_known(known)
    if account is None:
        if not known:
            logger.warning("sign-in is on but the users file %s lists no user", path)
        sign_in_form(known, lang)
        st.stop()
    return account


def _still_known(known: dict[str, users.User]) -> Account | None:
    """The signed-in user if the users file still lists them (with their current role)."""
    name = st.session_state.get(USER_KEY)
    if not isinstance(name, str):
        return None
    user = known.get(name)
    if user is None:
        audit.event("signed out (no longer in the users file)", name, "")
        _forget_session()
        return None
    st.session_state[ROLE_KEY] = user.role  # a changed role applies at once
    return Account(user.name, user.role)


def sign_in_form(known: dict[str, users.User], lang: str) -> None:
    """The sign-in form; a right password signs in and reruns, a wrong one says so."""
    st.title(t("app.title", lang))
    st.subheader(t("app.auth.title", lang))
    st.caption(t("app.auth.intro", lang))
    with st.form(FORM_KEY, clear_on_submit=True):
        name = st.text_input(t("app.auth.name", lang), key="auth.name", max_chars=users.MAX_NAME)
        password = st.text_input(
            t("app.auth.password", lang),
            type="password",
            key="auth.password",
            max_chars=users.MAX_PASSWORD,
        )
        submitted = st.form_submit_button(t("app.auth.submit", lang), type="primary")
    if submitted:
        attempt(known, name, password, lang)


def attempt(known: dict[str, users.User], name: str, password: str, lang: str) -> None:
    """Check one sign-in: sign in and rerun, or count the failure and show one message."""
    wait = float(st.session_state.get(LOCKED_UNTIL_KEY, 0.0)) - time.time()
    if wait > 0:
        st.error(t("app.auth.locked", lang, seconds=int(wait) + 1))
        return
    user = users.authenticate(known, name, password)
    if user is not None:
        _forget_session()
        st.session_state[USER_KEY] = user.name
        st.session_state[ROLE_KEY] = user.role
        audit.event("signed in", user.name, user.role)
        st.rerun()
    failures = int(st.session_state.get(FAILURES_KEY, 0)) + 1
    audit.event(f"sign-in refused (attempt {failures})", name.strip()[: users.MAX_NAME], "")
    time.sleep(FAIL_DELAY_S)
    if failures >= MAX_ATTEMPTS:
        st.session_state[FAILURES_KEY] = 0
        st.session_state[LOCKED_UNTIL_KEY] = time.time() + LOCK_S
        st.error(t("app.auth.locked", lang, seconds=LOCK_S))
        return
    st.session_state[FAILURES_KEY] = failures
    st.error(t("app.auth.failed", lang, left=MAX_ATTEMPTS - failures))


def _forget_session() -> None:
    """Drop everything this session holds (plans, uploads, choices) but the language; the
    uploader gets a fresh key so that no file comes back."""
    generation = int(st.session_state.get(state.UPLOAD_GENERATION_KEY, 0))
    for key in list(st.session_state):
        if key not in (state.LANG_KEY, LOCKED_UNTIL_KEY):
            del st.session_state[key]
    st.session_state[state.UPLOAD_GENERATION_KEY] = generation + 1


def sign_out() -> None:
    """Button callback: sign out and forget this session's data."""
    audit.event("signed out", st.session_state.get(USER_KEY, ""), st.session_state.get(ROLE_KEY))
    _forget_session()


def account_box(account: Account, lang: str) -> None:
    """In the sidebar: who is signed in, and the sign-out button (nothing when sign-in is off)."""
    if not account.signed_in:
        return
    role = t(f"app.auth.role.{account.role}", lang)
    st.sidebar.caption(t("app.auth.signed_in", lang, name=md_escape(account.name), role=role))
    st.sidebar.button(t("app.auth.sign_out", lang), on_click=sign_out, key=SIGN_OUT_KEY)
