"""Sign-in and roles: password hashes, the users file and its command, the sign-in form, what a
viewer and a commander see and download, and the audit trail (``AppTest``; no browser).

Downloads are caught where Streamlit registers them (``MediaFileManager.add_deferred``: every
download button the page offers hands its callable there), so every file a page offers is built
and searched, not a list kept beside the app.
"""

from __future__ import annotations

import html
import io
import json
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from google.protobuf import text_format
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

import zones
from ui import audit, auth, scenario_page, users
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
VIEWER = ("li", "viewer-pass-1")
COMMANDER = ("张队", "commander-pass-1")


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def users_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A users file with one viewer and one commander."""
    path = tmp_path_factory.mktemp("users") / "users.toml"
    users.add_user(path, VIEWER[0], users.VIEWER, VIEWER[1])
    users.add_user(path, COMMANDER[0], users.COMMANDER, COMMANDER[1])
    return path


@pytest.fixture
def sign_in_on(users_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Sign-in on (the users file named by the environment), no delay after a wrong password."""
    monkeypatch.setenv(users.ENV_VAR, str(users_path))
    monkeypatch.setattr(auth, "FAIL_DELAY_S", 0.0)
    return users_path


@pytest.fixture
def audit_records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """``caplog`` with the audit logger's records (it does not propagate to the root logger)."""
    audit.audit_log.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        audit.audit_log.removeHandler(caplog.handler)


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], object]]:
    """File name → the callable of every download button drawn while the test runs."""
    captured: dict[str, Callable[[], object]] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN202
        captured[str(file_name)] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


@pytest.fixture(scope="module")
def people() -> list[str]:
    """Every officer name and phone number of the sample (data/sample/officers.csv)."""
    officers = pd.read_csv(
        Path(zones.SAMPLE_PATH) / "officers.csv", dtype=str, encoding="utf-8-sig"
    )
    found = [*officers["name"].dropna(), *officers["phone"].dropna()]
    assert len(found) == 2 * len(officers) > 100
    # guard: no name or phone is part of any other sample text (else a hit proves nothing)
    other = "".join(
        p.read_text(encoding="utf-8-sig") for p in Path(zones.SAMPLE_PATH).glob("*.geojson")
    )
    assert not [x for x in found if x in other]
    return found


# --- helpers ---------------------------------------------------------------------------------


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return run(at)


def start() -> AppTest:
    return run(AppTest.from_file(APP, default_timeout=90))


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth.name").input(name)
    at.text_input(key="auth.password").input(password)
    (submit,) = at.button
    submit.click()
    return run(at)


def everything(at: AppTest) -> str:
    """Every string the page holds: each element's and block's proto (labels, options, values,
    captions, map pages) in text form, and each table's cells."""
    parts = []
    for root in (at.main, at.sidebar):
        for node in root:
            proto = getattr(node, "proto", None)
            if proto is not None:
                parts.append(text_format.MessageToString(proto, as_utf8=True))
            if isinstance(node, Dataframe):
                parts.append(node.value.to_csv())
    return "\n".join(parts)


def forms(text: str) -> set[str]:
    """How a text may be written in a page or file: as is, JSON-escaped, HTML-escaped."""
    return {text, json.dumps(text)[1:-1], html.escape(text)}


def found_in(text: str, needles: Iterable[str]) -> list[str]:
    return [n for n in needles if any(form in text for form in forms(n))]


def found_in_file(data: object, needles: Iterable[str]) -> list[str]:
    """The needles in a downloaded file (zip and xlsx members searched one by one)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert isinstance(data, bytes)
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sorted(
                {
                    n
                    for member in archive.namelist()
                    for n in found_in_file(archive.read(member), needles)
                }
            )
    return found_in(data.decode("utf-8", "replace"), needles)


def open_every_tab(at: AppTest) -> str:
    """Open each tab in turn; everything the page held, tab after tab."""
    seen = []
    for name, tab in zip(scenario_page.TABS, at.tabs, strict=True):
        at.session_state[scenario_page.TABS_KEY] = tab.label
        page = everything(run(at))
        assert at.session_state[scenario_page.TABS_KEY] == tab.label
        assert t("app.error.page", "zh") not in page, name
        assert "Traceback" not in page, name
        seen.append(page)
    return "\n".join(seen)


def audit_lines(caplog: pytest.LogCaptureFixture, prefix: str) -> list[str]:
    """The audit lines of this test that start with ``prefix``."""
    lines = [r.getMessage() for r in caplog.records if r.name == audit.audit_log.name]
    return [line for line in lines if line.startswith(prefix)]


# --- (a) hashes and the users file -----------------------------------------------------------


def test_hash_and_verify_round_trip() -> None:
    stored = users.hash_password("正确的密码 correct")
    assert stored.startswith("scrypt$16384$8$1$")
    assert "correct" not in stored
    assert users.verify_password("正确的密码 correct", stored)
    assert not users.verify_password("正确的密码 Correct", stored)
    assert not users.verify_password("", stored)
    assert users.hash_password("same") != users.hash_password("same")  # a salt per hash
    same_salt = users.hash_password("same", salt=b"0123456789abcdef")
    assert same_salt == users.hash_password("same", salt=b"0123456789abcdef")


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain-text-password",
        "md5$1$2$3$YQ==$YQ==",
        "scrypt$16384$8$1$not base64!$YQ==",
        "scrypt$16384$8$1$YQ==$YQ==",  # key of the wrong length
        f"scrypt${2**30}$8$1$YQ==${'A' * 44}",  # asks for a gigabyte-scale hash: refused
    ],
)
def test_malformed_or_tampered_hashes_never_match(stored: str) -> None:
    assert not users.verify_password("anything", stored)


def test_authenticate(users_path: Path) -> None:
    known = users.read_users(users_path)
    assert users.authenticate(known, *VIEWER).role == users.VIEWER
    assert users.authenticate(known, COMMANDER[0], COMMANDER[1]).role == users.COMMANDER
    assert users.authenticate(known, VIEWER[0], COMMANDER[1]) is None  # another user's password
    assert users.authenticate(known, "nobody", VIEWER[1]) is None


def add(tmp_path: Path, *args: str, stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return users.main(["--file", str(tmp_path / "users.toml"), "add", *args, "--password-stdin"])


def test_users_command_stores_hashes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "users.toml"
    assert (
        add(
            tmp_path, '王 "五"\\', "--role", "viewer", stdin="s3cret-one\n", monkeypatch=monkeypatch
        )
        == 0
    )
    assert "王" in capsys.readouterr().out
    assert (
        add(tmp_path, "zhao", "--role", "commander", stdin="s3cret-two\n", monkeypatch=monkeypatch)
        == 0
    )
    text = path.read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    known = users.read_users(path)
    assert {n: u.role for n, u in known.items()} == {'王 "五"\\': "viewer", "zhao": "commander"}
    assert users.authenticate(known, '王 "五"\\', "s3cret-one")
    assert not users.authenticate(known, '王 "五"\\', "s3cret-two")
    # replacing: new role and password, the old password no longer works
    assert (
        add(tmp_path, "zhao", "--role", "viewer", stdin="s3cret-three\n", monkeypatch=monkeypatch)
        == 0
    )
    assert (
        t("app.users.replaced", "zh", name="zhao", role="viewer", file=path)
        in capsys.readouterr().out
    )
    known = users.read_users(path)
    assert known["zhao"].role == "viewer"
    assert users.authenticate(known, "zhao", "s3cret-three")
    assert not users.authenticate(known, "zhao", "s3cret-two")
    assert "s3cret" not in path.read_text(encoding="utf-8")


def test_users_command_prompts_twice_and_refuses_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "users.toml"
    answers = iter(["first-password", "other-password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert users.main(["--file", str(path), "add", "zhao", "--role", "viewer"]) == 1
    assert t("app.users.mismatch", "zh") in capsys.readouterr().err
    assert not path.exists()
    answers = iter(["typed-password", "typed-password"])
    assert users.main(["--file", str(path), "add", "zhao", "--role", "viewer"]) == 0
    assert users.authenticate(users.read_users(path), "zhao", "typed-password")
    # too short a password, a name with a control character: usage errors, nothing written
    before = path.read_text(encoding="utf-8")
    assert add(tmp_path, "li", "--role", "viewer", stdin="short\n", monkeypatch=monkeypatch) == 2
    assert (
        add(tmp_path, "l\x1bi", "--role", "viewer", stdin="long-enough\n", monkeypatch=monkeypatch)
        == 2
    )
    assert path.read_text(encoding="utf-8") == before


def test_users_file_is_found_by_environment_or_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(users, "DEFAULT_FILE", tmp_path / "default.toml")
    assert users.users_file({}) is None  # sign-in off
    assert users.users_file({users.ENV_VAR: " "}) is None
    named = tmp_path / "missing.toml"
    assert users.users_file({users.ENV_VAR: str(named)}) == named  # even missing: fails closed
    (tmp_path / "default.toml").write_text("", encoding="utf-8")
    assert users.users_file({}) == tmp_path / "default.toml"


# --- (b) the sign-in form --------------------------------------------------------------------


def assert_only_the_sign_in_form(at: AppTest, sample: zones.Scenario) -> None:
    assert [el.key for el in at.text_input] == ["auth.name", "auth.password"]
    assert (
        at.text_input(key="auth.password").proto.type
        == at.text_input(key="auth.password").proto.PASSWORD
    )
    assert not at.get("file_uploader")
    assert not at.get("iframe")
    assert not at.metric
    assert not at.dataframe
    assert not at.tabs
    assert [b.label for b in at.button] == [t("app.auth.submit", "zh")]
    page = everything(at)
    assert sample.name not in page
    assert not found_in(page, list(sample.villages["name"]))


def test_sign_in_form_comes_before_anything_else(
    sign_in_on: Path, sample: zones.Scenario, people: list[str]
) -> None:
    at = start()
    assert_only_the_sign_in_form(at, sample)
    assert t("app.auth.title", "zh") in [el.value for el in at.subheader]
    assert not found_in(everything(at), people)
    # the language switch works before signing in
    at.radio(key="lang").set_value("en")
    run(at)
    assert at.button[0].label == t("app.auth.submit", "en")


def test_wrong_password_is_one_clear_message_then_a_lock(
    sign_in_on: Path, sample: zones.Scenario, audit_records: pytest.LogCaptureFixture
) -> None:
    at = start()
    sign_in(at, VIEWER[0], COMMANDER[1])
    assert [el.value for el in at.error] == [t("app.auth.failed", "zh", left=auth.MAX_ATTEMPTS - 1)]
    assert_only_the_sign_in_form(at, sample)
    assert "auth.user" not in at.session_state
    sign_in(at, "nobody", "whatever-1")  # an unknown name gets the same message
    assert [el.value for el in at.error] == [t("app.auth.failed", "zh", left=auth.MAX_ATTEMPTS - 2)]
    for _ in range(auth.MAX_ATTEMPTS - 2):
        sign_in(at, VIEWER[0], "wrong-again")
    assert [el.value for el in at.error] == [t("app.auth.locked", "zh", seconds=auth.LOCK_S)]
    sign_in(at, *VIEWER)  # even the right password waits for the lock
    assert at.error[0].value.startswith(t("app.auth.locked", "zh", seconds=0)[:6])
    assert_only_the_sign_in_form(at, sample)
    refused = audit_lines(audit_records, "sign-in refused")
    assert len(refused) == auth.MAX_ATTEMPTS
    assert f"'user': '{VIEWER[0]}'" in refused[0]
    assert COMMANDER[1] not in audit_records.text


def test_an_unreadable_users_file_closes_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: zones.Scenario
) -> None:
    broken = tmp_path / "users.toml"
    broken.write_text('[users.x]\nrole = "admin"\n', encoding="utf-8")
    for path in (broken, tmp_path / "missing.toml"):
        monkeypatch.setenv(users.ENV_VAR, str(path))
        at = start()
        assert [el.value for el in at.error] == [t("app.auth.file_error", "zh")]
        assert not at.get("file_uploader")
        assert not at.text_input
        assert sample.name not in everything(at)
        assert "Traceback" not in everything(at)


def test_without_a_users_file_the_app_opens_with_full_rights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: zones.Scenario
) -> None:
    monkeypatch.delenv(users.ENV_VAR, raising=False)
    monkeypatch.setattr(users, "DEFAULT_FILE", tmp_path / "users.toml")
    at = click(start(), "plan.run")
    assert "auth.password" not in [el.key for el in at.text_input]
    assert auth.SIGN_OUT_KEY not in [b.key for b in at.button]
    radio = at.radio(key="staffing.profile-zh")
    assert t("app.tabs.profile.internal", "zh") in radio.options


# --- (c) a viewer ----------------------------------------------------------------------------


def _internal(name: str) -> bool:
    """Whether a download's file name says it is the internal profile (zh or en)."""
    return any(t("app.file.internal", lang) in name for lang in ("zh", "en"))


def test_a_viewer_sees_and_downloads_no_names_or_phones(
    sign_in_on: Path,
    people: list[str],
    offered: dict[str, Callable[[], object]],
    audit_records: pytest.LogCaptureFixture,
) -> None:
    at = sign_in(start(), *VIEWER)
    assert at.session_state["auth.user"] == VIEWER[0]
    assert at.session_state["auth.role"] == users.VIEWER
    role = t("app.auth.role.viewer", "zh")
    assert t("app.auth.signed_in", "zh", name=VIEWER[0], role=role) in [
        c.value for c in at.sidebar.caption
    ]
    click(at, "plan.run")
    click(at, "roster.run")  # a roster, so that its downloads are offered too
    # no profile radio anywhere: every tab says "public only"
    assert not [r.key for r in at.radio if ".profile" in (r.key or "")]
    public_only = [c for c in at.caption if c.value == t("app.auth.public_only", "zh")]
    assert len(public_only) == 4  # staffing, patrol (hours and minutes), export, roster
    page = open_every_tab(at)
    for lang in ("en", "zh"):
        at.radio(key="lang").set_value(lang)
        page += everything(run(at))
    assert VIEWER[0] in page  # the collector sees the page (the user's own name is on it)
    assert not found_in(page, people)
    # every download offered: the export tab's six and the roster's two, all public (named in
    # the page's language, so each is offered under a Chinese and an English name)
    assert len(offered) == 2 * 8, sorted(offered)
    assert not [name for name in offered if _internal(name)]
    for name, build in offered.items():
        assert not found_in_file(build(), people), name
    # a download is audited with the viewer's name
    at.download_button(key="export.zip").click()
    run(at)
    (line,) = audit_lines(audit_records, "export requested")
    assert f"'user': '{VIEWER[0]}', 'role': 'viewer', 'profile': 'public'" in line
    assert not audit_lines(audit_records, "internal view")


def test_a_viewer_cannot_be_given_the_internal_profile_through_state(
    sign_in_on: Path, people: list[str]
) -> None:
    at = click(sign_in(start(), *VIEWER), "plan.run")
    for tab in ("staffing", "export", "roster"):
        at.session_state[f"{tab}.profile"] = "internal"
    run(at)
    assert not found_in(everything(at), people)
    assert at.session_state["staffing.profile"] == "public"


# --- (d) a commander -------------------------------------------------------------------------


def test_a_commander_gets_the_internal_profile_and_is_audited(
    sign_in_on: Path,
    people: list[str],
    offered: dict[str, Callable[[], object]],
    audit_records: pytest.LogCaptureFixture,
) -> None:
    at = click(sign_in(start(), *COMMANDER), "plan.run")
    assert not found_in(everything(at), people)  # public by default
    radio = at.radio(key="staffing.profile-zh")
    assert list(radio.options) == [
        t("app.tabs.profile.public", "zh"),
        t("app.tabs.profile.internal", "zh"),
    ]
    radio.set_value("internal")
    run(at)
    assert found_in(everything(at), people), "names and phones are shown in the internal profile"
    (view,) = audit_lines(audit_records, "internal view")
    assert f"'user': '{COMMANDER[0]}', 'role': 'commander', 'tab': 'staffing'" in view
    run(at)  # a rerun is not another view
    assert len(audit_lines(audit_records, "internal view")) == 1
    # the internal export, confirmed: its files carry the names, and the download is audited
    at.radio(key="export.profile-zh").set_value("internal")
    run(at).checkbox(key="export.confirm").check()
    run(at)
    internal = [name for name in offered if _internal(name)]
    assert internal
    assert all(found_in_file(offered[name](), people) for name in internal)
    at.download_button(key="export.html").click()
    run(at)
    (line,) = audit_lines(audit_records, "export requested")
    assert f"'user': '{COMMANDER[0]}', 'role': 'commander', 'profile': 'internal'" in line
    assert len(audit_lines(audit_records, "internal view")) == 2  # staffing, export
    user = t("app.export.audit.user", "zh")
    (audit_table,) = [d.value for d in at.dataframe if user in d.value.columns]
    assert audit_table[t("app.export.audit.user", "zh")].tolist() == [COMMANDER[0]]


def test_sign_out_forgets_the_session(sign_in_on: Path, sample: zones.Scenario) -> None:
    at = click(sign_in(start(), *COMMANDER), "plan.run")
    assert "plan.history" in at.session_state
    click(at, auth.SIGN_OUT_KEY)
    assert_only_the_sign_in_form(at, sample)
    assert "plan.history" not in at.session_state
    assert "auth.user" not in at.session_state


def test_a_user_removed_from_the_file_is_signed_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: zones.Scenario
) -> None:
    path = tmp_path / "users.toml"
    users.add_user(path, *VIEWER[:1], users.VIEWER, VIEWER[1])
    users.add_user(path, "other", users.COMMANDER, "other-password")
    monkeypatch.setenv(users.ENV_VAR, str(path))
    at = sign_in(start(), *VIEWER)
    assert at.get("file_uploader")
    assert users.remove_user(path, VIEWER[0])
    run(at)
    assert_only_the_sign_in_form(at, sample)
