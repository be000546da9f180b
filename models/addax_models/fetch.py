"""Get a catalog model onto this machine.

    python -m addax_models.fetch NAME --dest models/weights [--catalog FILE] [--force]
    python -m addax_models.fetch --list

``url`` sources are downloaded (streamed, sha256 checked when the catalog knows
it, written atomically), ``build`` sources are built, ``path`` sources copied.
``bucket`` sources live in the platform's ``models`` bucket and are not fetched
by this tool.  Offline machines get a clear error saying what to copy where.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from addax_common.model_catalog import CatalogError, ModelEntry

from .catalog import load_catalog

CHUNK = 1 << 20
TIMEOUT_S = 30.0


class FetchError(RuntimeError):
    pass


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(
    entry: ModelEntry,
    dest: str | Path,
    force: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
) -> Path:
    """Put ``entry``'s file into ``dest`` and return its path."""
    dest_dir = Path(dest)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / entry.file
    kind, value = entry.source.kind, entry.source.value

    if kind == "build":
        from .build_demo import build  # local import: only demo entries need onnx graph code

        build(dest_dir)
        if not target.exists():
            raise FetchError(f"{entry.name}: the builder did not produce {entry.file}")
        return target
    if kind == "bucket":
        raise FetchError(
            f"{entry.name} lives in the 'models' bucket as {value!r}; copy it with the platform's "
            "storage tools (or let the services read it from the bucket)."
        )

    if target.exists() and not force and (entry.sha256 is None or sha256_file(target) == entry.sha256):
        return target  # already there (and verified when we can)
    if kind == "path":
        _copy_verified(Path(value).expanduser(), target, entry.sha256)
    else:
        download(value, target, entry.sha256, progress)
    return target


def download(
    url: str,
    target: Path,
    sha256: str | None,
    progress: Callable[[int, int | None], None] | None = None,
    timeout: float = TIMEOUT_S,
) -> str:
    """Stream ``url`` to ``target`` (via ``target.part``); return the file's sha256."""
    # file: is deliberate (a catalog may point at a local mirror); any other scheme is a catalog mistake.
    if urllib.parse.urlsplit(url).scheme not in ("http", "https", "file"):
        raise FetchError(f"refusing to download {url!r}: only http(s) and file URLs are fetched")
    part = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "addax-models-fetch/0.1"})  # noqa: S310 - scheme checked above
        with urllib.request.urlopen(request, timeout=timeout) as response, part.open("wb") as out:  # noqa: S310 - scheme checked above
            total = response.headers.get("Content-Length")
            size = int(total) if total and total.isdigit() else None
            done = 0
            while block := response.read(CHUNK):
                out.write(block)
                digest.update(block)
                done += len(block)
                if progress:
                    progress(done, size)
        if size is not None and done != size:
            raise FetchError(f"download of {url} stopped after {done} of {size} bytes")
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        part.unlink(missing_ok=True)
        host = urllib.parse.urlsplit(url).netloc or url
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"cannot download {url} ({reason}). If this machine is offline (no route to {host}), "
            f"download the file on a machine with internet and copy it to {target}, "
            "or upload it to the 'models' bucket."
        ) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    actual = digest.hexdigest()
    if sha256 is not None and actual != sha256:
        part.unlink(missing_ok=True)
        raise FetchError(f"sha256 mismatch for {url}: expected {sha256}, got {actual}; file discarded")
    part.replace(target)
    return actual


def _copy_verified(source: Path, target: Path, sha256: str | None) -> None:
    if not source.is_file():
        raise FetchError(f"local source {source} does not exist")
    actual = sha256_file(source)
    if sha256 is not None and actual != sha256:
        raise FetchError(f"sha256 mismatch for {source}: expected {sha256}, got {actual}")
    part = target.with_name(target.name + ".part")
    shutil.copyfile(source, part)
    part.replace(target)


def _print_progress(done: int, total: int | None) -> None:
    mib = done / (1 << 20)
    text = f"\r{mib:8.1f} MiB" + (f" / {total / (1 << 20):.1f} MiB" if total else "")
    print(text, end="", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", nargs="?", help="catalog model name")
    parser.add_argument("--dest", type=Path, default=Path("models/weights"))
    parser.add_argument("--catalog", type=Path, default=None, help="catalog file (default: models/catalog.yaml)")
    parser.add_argument("--force", action="store_true", help="download again even if the file exists")
    parser.add_argument("--list", action="store_true", help="list catalog models and exit")
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(args.catalog)
        if args.list or not args.name:
            for m in catalog.models:
                print(f"{m.name:32} {m.task:15} {m.format:5} {m.source.kind:6} {m.license}")
            return 0
        entry = catalog.get(args.name)
        path = fetch(entry, args.dest, args.force, _print_progress if sys.stderr.isatty() else None)
    except (CatalogError, FetchError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 1
    digest = sha256_file(path)
    print(f"{path}  sha256={digest}")
    if entry.sha256 is None and entry.source.kind != "build":
        print(f"note: the catalog has no sha256 for {entry.name}; after checking the file, record {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
