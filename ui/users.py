"""Who may sign in to the app: the users file, password hashes, and ``python -m ui.users``.

Sign-in is **on** when a users file is configured: the file named by the environment variable
``ZONES_USERS_FILE``, else ``.streamlit/users.toml`` in the folder the app is started from (where
``.streamlit/config.toml`` is read) when that file exists. With neither, sign-in is **off** and
the app has one local user with full rights. A configured file that cannot be read stops
sign-in altogether (nobody gets in), it never turns sign-in off.

The file is TOML, one table per user with a role and a password hash, never a password::

    [users."zhang"]
    role = "commander"
    password_hash = "scrypt$16384$8$1$<salt, base64>$<key, base64>"

Roles: ``viewer`` sees the public profile only (ids and role codes: no names, phones or home
villages); ``commander`` also sees the internal profiles and exports them.

Why the standard library: passwords are hashed with :func:`hashlib.scrypt` (a memory-hard key
derivation) with a random salt per user, and checked with :func:`hmac.compare_digest`.
``streamlit-authenticator`` keeps its sign-in in a browser cookie written by a custom component,
which Streamlit's ``AppTest`` cannot drive (so its sign-in could not be tested without a
browser), and it would be one more dependency to carry onto an air-gapped server. ``st.login``
needs an OpenID Connect provider, which a police station's intranet does not have. A few dozen
lines of ``hashlib`` do what is needed and are tested with ``AppTest``.

Add or replace a user (the password is asked twice, or read from standard input)::

    python -m ui.users add zhang --role commander
    printf '%s\\n' "$PASSWORD" | python -m ui.users add li --role viewer --password-stdin
    python -m ui.users list
    python -m ui.users remove li

This module has no Streamlit import; :mod:`ui.auth` draws the sign-in form.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
import tempfile
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ui.i18n import DEFAULT_LANG, LANGS, t

VIEWER = "viewer"
COMMANDER = "commander"
ROLES: tuple[str, ...] = (VIEWER, COMMANDER)

ENV_VAR = "ZONES_USERS_FILE"
DEFAULT_FILE = Path(".streamlit") / "users.toml"  # relative to the folder the app starts in

SCHEME = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # 16 MiB and about 50 ms per check
MAX_SCRYPT_N = 2**20  # a hash asking for more (a tampered file) is refused, not computed
SCRYPT_MAXMEM = 1024**3
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
MAX_NAME = 64

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsersFileError(Exception):
    """The users file is missing, unreadable or malformed (sign-in stays closed)."""


class InvalidUser(ValueError):
    """A user name, role or password that cannot be stored (``key``: its ``app.users.*`` text)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(t(key, "en", **params))

    def message(self, lang: str) -> str:
        """The problem in ``lang``."""
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class User:
    """One account of the users file."""

    name: str
    role: str
    password_hash: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=KEY_BYTES
    )


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The stored form of ``password``: ``scrypt$N$r$p$<salt>$<key>`` (base64 salt and key).

    Parameters
    ----------
    password
        The password as typed.
    salt
        The salt; a fresh random one (``secrets.token_bytes``) when not given.

    Returns
    -------
    str
        The hash string for the users file (it does not contain the password).
    """
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (constant-time comparison).

    A malformed hash, or one asking for more work than :data:`MAX_SCRYPT_N`, never matches.
    """
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        n_, r_, p_ = int(n), int(r), int(p)
        salt_bytes = base64.b64decode(salt, validate=True)
        key_bytes = base64.b64decode(key, validate=True)
    except (AttributeError, ValueError):
        return False
    if scheme != SCHEME or not (1 < n_ <= MAX_SCRYPT_N) or not (0 < r_ <= 32) or not (0 < p_ <= 4):
        return False
    if not salt_bytes or len(key_bytes) != KEY_BYTES:
        return False
    try:
        derived = _scrypt(password, salt_bytes, n_, r_, p_)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(derived, key_bytes)


# a hash of a password nobody knows: checked for unknown names so that they take as long
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def authenticate(users: Mapping[str, User], name: str, password: str) -> User | None:
    """The user ``name`` if ``password`` is theirs, else ``None``.

    An unknown name costs one hash check as well, so the time taken does not tell which names
    exist.
    """
    user = users.get(name.strip())
    if user is None:
        verify_password(password, _DUMMY_HASH)
        return None
    return user if verify_password(password, user.password_hash) else None


def check_name(name: str) -> str:
    """A user name as stored: trimmed, 1–64 characters, no control characters.

    Raises
    ------
    InvalidUser
        If the name is empty, too long or holds a control character.
    """
    name = name.strip()
    if (
        not name
        or len(name) > MAX_NAME
        or any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in name)
    ):
        key = "app.users.bad_name"
        raise InvalidUser(key, n=MAX_NAME)
    return name


def users_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """The configured users file, or ``None`` when sign-in is off.

    ``ZONES_USERS_FILE`` when set (even if the file is missing: then nobody can sign in), else
    :data:`DEFAULT_FILE` when it exists.
    """
    environ = os.environ if environ is None else environ
    configured = environ.get(ENV_VAR, "").strip()
    if configured:
        return Path(configured).expanduser()
    return DEFAULT_FILE if DEFAULT_FILE.is_file() else None


def read_users(path: Path) -> dict[str, User]:
    """The accounts in the users file ``path``, by name.

    Raises
    ------
    UsersFileError
        If the file cannot be read or is not a valid users file.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        msg = f"cannot read the users file {path}: {exc}"
        raise UsersFileError(msg) from exc
    table = data.get("users", {})
    if not isinstance(table, dict):
        msg = f"{path}: [users] must be a table of users"
        raise UsersFileError(msg)
    users: dict[str, User] = {}
    for name, entry in table.items():
        role = entry.get("role") if isinstance(entry, dict) else None
        stored = entry.get("password_hash") if isinstance(entry, dict) else None
        if role not in ROLES or not isinstance(stored, str):
            msg = f"{path}: user {name!r} needs a role ({' or '.join(ROLES)}) and a password_hash"
            raise UsersFileError(msg)
        users[name] = User(name, role, stored)
    return users


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; names hold no control characters)."""
    return json.dumps(text, ensure_ascii=False)


def render_users(users: Mapping[str, User]) -> str:
    """The text of a users file holding ``users`` (sorted by name)."""
    lines = [
        "# zoneplanner users: written by `python -m ui.users`; passwords are scrypt hashes only.",
        f"# roles: {', '.join(ROLES)}",
    ]
    for name in sorted(users):
        user = users[name]
        lines += [
            "",
            f"[users.{_toml_string(name)}]",
            f"role = {_toml_string(user.role)}",
            f"password_hash = {_toml_string(user.password_hash)}",
        ]
    return "\n".join(lines) + "\n"


def write_users(path: Path, users: Mapping[str, User]) -> None:
    """Write the users file atomically, readable by its owner only (mode 600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".users-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(render_users(users))
        Path(temporary).chmod(0o600)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def add_user(path: Path, name: str, role: str, password: str) -> bool:
    """Add user ``name`` to the users file (created if missing), or replace their entry.

    Returns
    -------
    bool
        Whether an existing user was replaced.

    Raises
    ------
    InvalidUser
        If the name, role or password is not acceptable.
    UsersFileError
        If the existing file cannot be read.
    """
    name = check_name(name)
    if role not in ROLES:
        key = "app.users.bad_role"
        raise InvalidUser(key, roles=", ".join(ROLES))
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        key = "app.users.bad_password"
        raise InvalidUser(key, low=MIN_PASSWORD, high=MAX_PASSWORD)
    users = read_users(path) if path.exists() else {}
    replaced = name in users
    users[name] = User(name, role, hash_password(password))
    write_users(path, users)
    return replaced


def remove_user(path: Path, name: str) -> bool:
    """Remove user ``name`` from the users file; whether they were there."""
    users = read_users(path)
    if users.pop(name.strip(), None) is None:
        return False
    write_users(path, users)
    return True


# --- the command -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m ui.users``."""
    parser = argparse.ArgumentParser(
        prog="python -m ui.users", description="manage the zoneplanner app's users file"
    )
    parser.add_argument(
        "--file",
        type=Path,
        help=f"the users file (default: ${ENV_VAR}, else {DEFAULT_FILE})",
    )
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="zh (default) or en")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add a user, or replace their role and password")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    remove = sub.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    sub.add_parser("list", help="list the users and their roles")
    return parser


def _password(args: argparse.Namespace) -> str | None:
    """The new password: one line of standard input, or typed twice at a prompt."""
    lang = args.lang
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("app.users.password", lang))
    if getpass.getpass(t("app.users.password_again", lang)) != first:
        print(t("app.users.mismatch", lang), file=sys.stderr)
        return None
    return first


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m ui.users``; returns the exit code (0 done, 1 failed, 2 usage)."""
    args = build_parser().parse_args(argv)
    lang = args.lang
    path = args.file or users_file() or DEFAULT_FILE
    try:
        if args.command == "list":
            for user in read_users(path).values():
                print(f"{user.name}\t{user.role}")
            return EXIT_OK
        if args.command == "remove":
            if not remove_user(path, args.name):
                print(t("app.users.unknown", lang, name=args.name), file=sys.stderr)
                return EXIT_FAILED
            print(t("app.users.removed", lang, name=args.name, file=path))
            return EXIT_OK
        try:
            password = _password(args)
        except (EOFError, KeyboardInterrupt):
            print(t("app.users.no_password", lang), file=sys.stderr)
            return EXIT_FAILED
        if password is None:
            return EXIT_FAILED
        replaced = add_user(path, args.name, args.role, password)
    except InvalidUser as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_USAGE
    except (UsersFileError, OSError) as exc:
        print(t("app.users.failed", lang, error=exc), file=sys.stderr)
        return EXIT_FAILED
    key = "app.users.replaced" if replaced else "app.users.added"
    print(t(key, lang, name=args.name.strip(), role=args.role, file=path))
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
