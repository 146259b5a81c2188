"""Give a learner their own copy of the course, and bring the instructor's later updates into it without ever
overwriting the learner's work.

The hub runs this as the learner (never as root) each time the learner's server starts. It follows nbgitpuller's
merging rules (https://nbgitpuller.readthedocs.io/en/latest/topic/automatic-merging.html), file by file, without
git: a manifest in the learner's copy (MANIFEST) records the sha256 of each file as it was last delivered.

- A file the learner does not have yet (new in the course, or deleted by the learner to start over) is copied in.
- A file the learner has not changed since it was delivered is replaced by the instructor's new version.
- A file the learner has changed is kept as the learner left it (nbgitpuller merges line by line where both changed
  different lines; here the whole file is the learner's, so a notebook never gets half of a merge).
- A file the learner made under a name the course later uses is renamed NAME_YYYYmmdd-HHMMSS.EXT, and the course's
  file is copied in beside it.
- Nothing is ever deleted from the learner's copy, not even a file the instructor has removed from the course.

Links (for example data/mnist to the one shared read-only copy of MNIST) are made where the learner has nothing.

Usage: python hub/course_copy.py SOURCE DESTINATION [--link RELATIVE=TARGET ...]
"""

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

MANIFEST = ".course-copy.json"

# What a learner's copy holds, taken from the course (the repository or `make student`'s build/student).
PARTS = ("notebooks", "helpers", "data")

# Never copied: caches and editor leftovers.
SKIPPED_NAMES = {"__pycache__", ".ipynb_checkpoints"}


def sha256(path):
    """Return the sha256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def course_files(source, parts=PARTS, skip=()):
    """Return the relative paths (strings, sorted) of the course's files under source's parts, minus skip."""
    source = Path(source)
    found = []
    for part in parts:
        top = source / part
        if not top.is_dir():
            raise FileNotFoundError(f"The course folder {top} is missing: give the repository (or build/student from "
                                    "`make student`) as the source of the learners' copies.")
        for path in sorted(top.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if path.is_file() and not SKIPPED_NAMES & set(path.parts) and not any(
                    relative == s or relative.startswith(s + "/") for s in skip):
                found.append(relative)
    return found


def renamed(path, now):
    """Return where a learner's own file that is in the way goes: NAME_YYYYmmdd-HHMMSS.EXT beside it."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    return path.with_name(f"{path.stem}_{stamp}{path.suffix}")


def _copy(source_file, target):
    """Copy one file into the learner's copy through a temporary name, so a half-written file is never left."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.course-copy-tmp")
    shutil.copyfile(source_file, temporary)
    os.replace(temporary, target)


def sync(source, destination, links=None, parts=PARTS, now=None):
    """Bring the course from source into a learner's destination by nbgitpuller's rules; return what was done.

    links: {relative path: target} made as symbolic links where the learner's copy has nothing at that path.
    Returns {"added": [...], "updated": [...], "kept": [...], "renamed": [(old, new), ...], "linked": [...]}.
    """
    source, destination = Path(source), Path(destination)
    links = dict(links or {})
    now = time.time() if now is None else now
    destination.mkdir(parents=True, exist_ok=True)
    manifest_path = destination / MANIFEST
    delivered = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    report = {"added": [], "updated": [], "kept": [], "renamed": [], "linked": []}
    for relative in course_files(source, parts, skip=links):
        source_file, target = source / relative, destination / relative
        new = sha256(source_file)
        if not os.path.lexists(target):
            _copy(source_file, target)
            report["added"].append(relative)
        elif target.is_symlink() or not target.is_file():
            report["kept"].append(relative)  # the learner put something else there: theirs
            continue
        else:
            current = sha256(target)
            if current == new:
                pass
            elif relative not in delivered:
                moved = renamed(target, now)
                os.replace(target, moved)
                _copy(source_file, target)
                report["renamed"].append((relative, moved.relative_to(destination).as_posix()))
            elif current == delivered[relative]:
                _copy(source_file, target)
                report["updated"].append(relative)
            else:
                report["kept"].append(relative)
                continue
        delivered[relative] = new
    for relative, link_target in links.items():
        link = destination / relative
        if not os.path.lexists(link):
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(link_target)
            report["linked"].append(relative)
    temporary = manifest_path.with_name(MANIFEST + ".tmp")
    temporary.write_text(json.dumps(delivered, indent=1, sort_keys=True) + "\n")
    os.replace(temporary, manifest_path)
    return report


def parse_link(text):
    """Parse RELATIVE=TARGET from the command line."""
    relative, equals, target = text.partition("=")
    if not equals or not relative or not target:
        raise argparse.ArgumentTypeError(f"--link takes RELATIVE=TARGET (for example data/mnist=/srv/mnist), "
                                         f"got {text!r}")
    return relative, target


def main(argv=None):
    """Copy or update one learner's course from the command line and print one line of what changed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="the course: the repository, or build/student from make student")
    parser.add_argument("destination", help="the learner's copy, e.g. ~/course")
    parser.add_argument("--link", action="append", type=parse_link, default=[], help="RELATIVE=TARGET")
    args = parser.parse_args(argv)
    try:
        report = sync(args.source, args.destination, dict(args.link))
    except (FileNotFoundError, PermissionError) as error:
        print(f"course_copy: {error}", file=sys.stderr)
        return 1
    print("course copy: " + ", ".join(f"{len(items)} {name}" for name, items in report.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
