"""The audit trail: who downloaded which file, who looked at an internal profile, who signed in.

Every line goes to the ``zoneplanner.audit`` logger (the server's log, stderr, whatever the root
logger's level) with the user's name and role; downloads are also listed in the session
(:data:`DOWNLOADS_KEY`, shown by the export tab). Views of an internal profile are logged once
each time a tab switches to it (or shows it for another plan), not on every rerun.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import streamlit as st

from maps.people import PUBLIC
from ui import downloads

if TYPE_CHECKING:
    from ui.auth import Account
    from zones.plan.pipeline import Plan

audit_log = logging.getLogger("zoneplanner.audit")
if not audit_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    audit_log.addHandler(_handler)
    audit_log.setLevel(logging.INFO)
    audit_log.propagate = False

DOWNLOADS_KEY = "export.audit"  # this session's downloads, newest last
DOWNLOADS_KEPT = 200
VIEWED_KEY = "audit.viewed"  # {tab: (profile, plan fingerprint)} last logged per tab
NOBODY = "-"  # user and role of a session nobody has signed in to


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _who(account: Account | None) -> dict[str, str]:
    if account is None:
        return {"user": NOBODY, "role": NOBODY}
    return {"user": account.name, "role": account.role}


def event(what: str, user: str, role: str | None) -> None:
    """A sign-in event (signed in, refused, signed out) for ``user``."""
    line = {"time": _now(), "user": user or NOBODY, "role": role or NOBODY}
    audit_log.info("%s: %s", what, line)


def download(account: Account | None, plan_name: str, profile: str, file_name: str) -> None:
    """One download: logged with the user and kept in this session's list."""
    line = {"time": _now(), **_who(account), "profile": profile, "plan": plan_name}
    line["file"] = file_name
    audit_log.info("export requested: %s", line)
    lines = list(st.session_state.get(DOWNLOADS_KEY, []))
    lines.append(line)
    st.session_state[DOWNLOADS_KEY] = lines[-DOWNLOADS_KEPT:]


def view(account: Account | None, tab: str, profile: str, plan: Plan | None) -> None:
    """A tab shown in ``profile``: logged when it is not the public one and was not already
    logged for this tab, profile and plan."""
    viewed = dict(st.session_state.get(VIEWED_KEY, {}))
    if profile == PUBLIC:
        viewed.pop(tab, None)
        st.session_state[VIEWED_KEY] = viewed
        return
    seen = (profile, downloads.fingerprint(plan) if plan is not None else "")
    if viewed.get(tab) == seen:
        return
    viewed[tab] = seen
    st.session_state[VIEWED_KEY] = viewed
    plan_name = plan.name if plan is not None else ""
    line = {"time": _now(), **_who(account), "tab": tab, "profile": profile, "plan": plan_name}
    audit_log.info("internal view: %s", line)
