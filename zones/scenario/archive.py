"""Archive and folder safety: zip members streamed and counted, folders read one level, links,
pipes and devices refused (notes/inputs-and-safety.md §3.2).

File names from archives or uploads are only used to recognise layers, never as paths; zip
members are checked for ``..``, absolute paths, count and uncompressed size.
"""

from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from zones import columns as C
from zones.report import Issue
from zones.scenario.raw import (
    GEOJSON_SUFFIXES,
    GPKG_SUFFIX,
    SHAPEFILE_PARTS,
    SPREADSHEET_SUFFIXES,
    SQLITE_MAGIC,
    TABLE_SUFFIXES,
    ZIP_MAGIC,
    _issue,
    is_relevant,
    layer_for_stem,
    limits,
)

_CHUNK = 1 << 20


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name; names written by Chinese Windows tools without the UTF-8 flag are GBK."""
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        try:
            return name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return name
    return name


def _check_size(name: str, size: int, issues: list[Issue]) -> bool:
    if size > limits().MAX_FILE_MB * 1024 * 1024:
        issues.append(
            _issue(
                "error",
                C.SCENARIO,
                "file_too_large",
                name,
                mb=round(size / 2**20, 1),
                cap=limits().MAX_FILE_MB,
            )
        )
        return False
    return True


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not (path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", name))


def unpack_zip(data: bytes, label: str, issues: list[Issue]) -> dict[str, bytes]:
    """Return the files of a zip archive held in memory, refusing unsafe or oversized members.

    Members are keyed by their base name (folders inside the archive are ignored); members that
    are folders, hidden files (``__MACOSX``, ``.DS_Store``) are skipped silently.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        issues.append(_issue("error", C.SCENARIO, "bad_zip", label))
        return {}
    with archive:
        # not ZipInfo.is_dir(): it fails on an empty member name (filename[-1])
        infos = [i for i in archive.infolist() if not i.filename.endswith("/")]
        if not _archive_acceptable(infos, label, issues):
            return {}
        return _unpack_members(archive, infos, label, issues)


def _archive_acceptable(infos: list[zipfile.ZipInfo], label: str, issues: list[Issue]) -> bool:
    """Whether the archive's member count, declared total size and member paths are acceptable."""
    if len(infos) > limits().MAX_ZIP_MEMBERS:
        issues.append(
            _issue(
                "error",
                C.SCENARIO,
                "zip_too_many",
                label,
                n=len(infos),
                cap=limits().MAX_ZIP_MEMBERS,
            )
        )
        return False
    declared = sum(i.file_size for i in infos)
    if declared > limits().MAX_ZIP_TOTAL_MB * 2**20:
        issues.append(
            _issue(
                "error",
                C.SCENARIO,
                "zip_too_large",
                label,
                mb=round(declared / 2**20),
                cap=limits().MAX_ZIP_TOTAL_MB,
            )
        )
        return False
    unsafe = [i.filename for i in infos if not _safe_member(i.filename)]
    if unsafe:
        issues.append(_issue("error", C.SCENARIO, "zip_unsafe", label, names=", ".join(unsafe)))
        return False
    return True


def _unpack_members(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str, issues: list[Issue]
) -> dict[str, bytes]:
    """The relevant members' bytes by base name; each streamed and counted against the caps."""
    files: dict[str, bytes] = {}
    for info in infos:
        base = PurePosixPath(_member_name(info).replace("\\", "/")).name
        if not base or base.startswith(".") or "__MACOSX" in info.filename:
            continue
        if not is_relevant(base):
            issues.append(_issue("warning", C.SCENARIO, "ignored_file", base))
            continue
        if base in files:
            issues.append(_issue("error", C.SCENARIO, "duplicate_file", base))
            continue
        if info.flag_bits & 0x1:
            issues.append(_issue("error", C.SCENARIO, "zip_encrypted", base, file=label))
            continue
        if not _check_size(base, info.file_size, issues):
            continue
        budget = limits().MAX_ZIP_TOTAL_MB * 2**20 - sum(len(v) for v in files.values())
        try:
            content = _read_member(archive, info, min(limits().MAX_FILE_MB * 2**20, budget))
        except _MemberTooLarge as exc:
            issues.append(
                _issue(
                    "error",
                    C.SCENARIO,
                    "zip_member_lies",
                    base,
                    member=base,
                    file=label,
                    cap=round(exc.cap / 2**20, 1),
                    declared=round(info.file_size / 2**20, 1),
                )
            )
            return {}
        except (
            zipfile.BadZipFile,
            RuntimeError,
            NotImplementedError,
            EOFError,
            zlib.error,
            lzma.LZMAError,
            OSError,  # bzip2's "Invalid data stream"
            ValueError,  # a seek before the start: the archive's offsets are wrong
        ) as exc:
            issues.append(
                _issue(
                    "error",
                    C.SCENARIO,
                    "zip_member_broken",
                    base,
                    file=label,
                    reason=str(exc)[:120],
                )
            )
        else:
            files[base] = content
    return files


class _MemberTooLarge(Exception):
    def __init__(self, cap: int) -> None:
        super().__init__(cap)
        self.cap = cap


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A member's bytes, counted as they stream out: the header's size is not trusted, and
    reading stops as soon as ``cap`` bytes are passed (memory stays bounded by the cap)."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > cap:
                raise _MemberTooLarge(cap)
            chunks.append(chunk)
    return b"".join(chunks)


def _regular_file(path: Path, issues: list[Issue], *, follow: bool = False) -> bytes | None:
    """The bytes of a regular file, or None with an issue: a link inside a scenario is not
    followed (it could point anywhere on the server), and a pipe or device is not read (it
    could block forever)."""
    if path.is_symlink() and not follow:
        issues.append(_issue("error", C.SCENARIO, "not_a_regular_file", path.name))
        return None
    if not path.is_file():
        issues.append(_issue("error", C.SCENARIO, "not_a_regular_file", path.name))
        return None
    if not _check_size(path.name, path.stat().st_size, issues):
        return None
    return path.read_bytes()


def collect_folder(folder: Path, issues: list[Issue]) -> dict[str, bytes]:
    """Read the files directly inside ``folder`` (sub-folders are reported, not read; links,
    pipes and devices are refused)."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            issues.append(_issue("warning", C.SCENARIO, "ignored_folder", path.name))
            continue
        if not is_relevant(path.name):
            issues.append(_issue("warning", C.SCENARIO, "ignored_file", path.name))
            continue
        data = _regular_file(path, issues)
        if data is not None:
            files[path.name] = data
    return files


def expand_archives(files: Mapping[str, bytes], issues: list[Issue]) -> dict[str, bytes]:
    """Replace each zip among ``files`` by its members (one level; sniffed by magic bytes).

    A zip that holds only one shapefile keeps the zip's name as the layer name when its members
    do not name a layer themselves (``villages.zip`` holding ``xzqh.shp``).
    """
    out: dict[str, bytes] = {}
    for name, data in files.items():
        suffix = PurePosixPath(name).suffix.lower()
        if suffix != ".zip":
            if suffix in SPREADSHEET_SUFFIXES:  # xlsx is a zip: refused later, with advice
                out[name] = data
            elif data[:4] == ZIP_MAGIC or data[:16] == SQLITE_MAGIC and suffix != GPKG_SUFFIX:
                issues.append(_issue("error", C.SCENARIO, "content_mismatch", name))
            else:
                out[name] = data
            continue
        if data[:4] != ZIP_MAGIC:
            issues.append(_issue("error", C.SCENARIO, "bad_zip", name))
            continue
        members = unpack_zip(data, name, issues)
        stems = {PurePosixPath(m).stem for m in members if m.lower().endswith(".shp")}
        rename = (
            len(stems) == 1
            and layer_for_stem(next(iter(stems))) is None
            and layer_for_stem(PurePosixPath(name).stem) is not None
        )
        for member, content in members.items():
            key = member
            if rename and PurePosixPath(member).stem in stems:
                key = PurePosixPath(name).stem + PurePosixPath(member).suffix
            if key in out:
                issues.append(_issue("error", C.SCENARIO, "duplicate_file", key))
            out[key] = content
    return out


def single_file(path: Path, issues: list[Issue]) -> dict[str, bytes]:
    """One file given on its own: a shapefile brings its sidecar files, and a layer file whose
    name names no layer (``xzqh.geojson``) is read as the villages layer, with a note."""
    suffix = path.suffix.lower()
    parts = [path]
    if suffix == ".shp":
        parts += [
            p
            for p in sorted(path.parent.glob(f"{path.stem}.*"))
            if p.suffix.lower() in SHAPEFILE_PARTS and p.name != path.name
        ]
    files = {}
    for part in parts:  # the file named by the user may be a link; its sidecars may not
        data = _regular_file(part, issues, follow=part == path)
        if data is not None:
            files[part.name] = data
    single_layer = suffix in (*GEOJSON_SUFFIXES, *TABLE_SUFFIXES, ".shp")
    if single_layer and layer_for_stem(path.stem) is None:
        issues.append(_issue("repair", C.SCENARIO, "read_as_villages", path.name))
        files = {f"{C.VILLAGES}{PurePosixPath(n).suffix}": d for n, d in files.items()}
    return files
