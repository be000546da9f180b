"""Upload file names: which ones to leave alone, and how to show one safely.

A name a camera (or anyone holding an FTPS password) sends is untrusted text. It is only ever
*displayed* (``images.original_filename``); storage keys are derived from ids (addax_common.storage).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

# Names FTP servers and clients use while a transfer is still running, editors' backups, OS litter.
TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".filepart", ".crdownload", ".download", ".swp", ".lock")
TEMP_PREFIXES = (".", "~")  # hidden files, "~$foo" office locks, vsftpd/pure-ftpd ".in.foo." temp names
LITTER = {"thumbs.db", "desktop.ini"}

# Makers' default file-name prefixes: the same on every camera of a brand (Bushnell, Browning, Reconyx,
# Spypoint, Stealth Cam, Wosports, ...), so they never name a camera. A name from the file-name pattern
# that is one of these, optionally followed by a counter (``DSCF0042``), falls through to the next
# identification step (cameras.py). The one list; extend it here.
GENERIC_FILENAME_PREFIXES = frozenset({
    "CDY", "CIMG", "DCIM", "DJI", "DSC", "DSCF", "DSCN", "EK", "GOPR", "HPIM", "IMAG", "IMAGE", "IMG", "MDGC",
    "MFDC", "MOV", "MVI", "P", "PHOTO", "PIC", "PICT", "PXL", "RCNX", "SAM", "STC", "SUNP", "SYPT", "VID", "WSCT",
})
_COUNTER_SUFFIX = re.compile(r"[-_]?\d*$")

MAX_DISPLAY_CHARS = 255
_WHITESPACE = re.compile(r"\s+")


def is_ignored_name(name: str) -> bool:
    """True for files that are not (yet) uploads: temporary, hidden or OS litter."""
    lower = name.lower()
    return (
        not name
        or name.startswith(TEMP_PREFIXES)
        or name.endswith("~")
        or lower.endswith(TEMP_SUFFIXES)
        or lower in LITTER
    )


def is_generic_camera_name(name: str) -> bool:
    """True when `name` cannot identify a camera: a maker's default prefix (``IMG``, ``DSCF0042``) or
    no letter at all (a counter or a time stamp such as ``20210531082538``)."""
    if not any(ch.isalpha() for ch in name):
        return True
    return _COUNTER_SUFFIX.sub("", name).upper() in GENERIC_FILENAME_PREFIXES


def is_ignored_path(relative: PurePath) -> bool:
    """A file inside a hidden directory (e.g. ``.ftps``, ``.Trash``) is ignored like a hidden file."""
    return any(is_ignored_name(part) for part in relative.parts)


def sanitize_filename(name: str) -> str:
    """A display-safe base name: no directories, no control/format characters, NFC, at most 255 chars.

    ``../../etc/passwd.jpg`` -> ``passwd.jpg``; ``C:\\x\\a.jpg`` -> ``a.jpg``; ``\\x00\\x1b[31m.jpg`` -> ``[31m.jpg``.
    The result is never empty (``unnamed``).
    """
    text = unicodedata.normalize("NFC", str(name))
    # Both separators: a Windows client's path is still a path.
    text = re.split(r"[\\/]", text)[-1]
    # Cc (controls), Cf (bidi overrides, zero-width), Cs (lone surrogates from undecodable bytes), Co, Cn.
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else "" for ch in text)
    text = _WHITESPACE.sub(" ", text).strip()
    if text in ("", ".", ".."):
        return "unnamed"
    if len(text) > MAX_DISPLAY_CHARS:
        stem, dot, suffix = text.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            text = stem[: MAX_DISPLAY_CHARS - len(suffix) - 2] + "…." + suffix
        else:
            text = text[: MAX_DISPLAY_CHARS - 1] + "…"
    return text
