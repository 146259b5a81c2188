"""hub/course_copy.py: a learner's own copy of the course, updated by nbgitpuller's rules without losing their work."""

import subprocess
import sys

import pytest
from course_notebooks import ROOT

sys.path.insert(0, str(ROOT / "hub"))
from course_copy import MANIFEST, PARTS, course_files, sync  # noqa: E402

NOW = 1_700_000_000  # a fixed moment, so renamed files get a known name (the stamp is in local time)


@pytest.fixture
def course(tmp_path):
    """A small course with the three parts a learner's copy holds."""
    source = tmp_path / "course"
    for part in PARTS:
        (source / part).mkdir(parents=True)
    (source / "notebooks" / "01.ipynb").write_text("instructor 1")
    (source / "helpers" / "plots.py").write_text("instructor helper")
    (source / "data" / "points.csv").write_text("1,2\n")
    (source / "data" / "mnist").mkdir()
    (source / "data" / "mnist" / "big.gz").write_text("not copied")
    (source / "notebooks" / ".ipynb_checkpoints").mkdir()
    (source / "notebooks" / ".ipynb_checkpoints" / "01-checkpoint.ipynb").write_text("skipped")
    return source


def test_the_first_copy_holds_every_course_file_and_links_mnist_instead_of_copying_it(course, tmp_path):
    learner = tmp_path / "home" / "course"
    report = sync(course, learner, {"data/mnist": "/srv/mnist"}, now=NOW)
    assert sorted(report["added"]) == ["data/points.csv", "helpers/plots.py", "notebooks/01.ipynb"], report
    assert report["linked"] == ["data/mnist"] and (learner / "data" / "mnist").readlink().as_posix() == "/srv/mnist"
    assert (learner / "notebooks" / "01.ipynb").read_text() == "instructor 1"
    assert not (learner / "notebooks" / ".ipynb_checkpoints").exists(), "checkpoints are not course files"
    assert (learner / MANIFEST).is_file()


def test_an_update_reaches_files_the_learner_left_alone_and_never_overwrites_their_edits(course, tmp_path):
    learner = tmp_path / "course-copy"
    sync(course, learner, now=NOW)
    (learner / "notebooks" / "01.ipynb").write_text("my answers")
    (course / "notebooks" / "01.ipynb").write_text("instructor 2")
    (course / "helpers" / "plots.py").write_text("instructor helper, fixed")
    (course / "notebooks" / "02.ipynb").write_text("new notebook")
    report = sync(course, learner, now=NOW)
    assert (learner / "notebooks" / "01.ipynb").read_text() == "my answers", "the learner's edit was overwritten"
    assert (learner / "helpers" / "plots.py").read_text() == "instructor helper, fixed"
    assert (learner / "notebooks" / "02.ipynb").read_text() == "new notebook"
    assert report["kept"] == ["notebooks/01.ipynb"] and report["updated"] == ["helpers/plots.py"], report
    assert report["added"] == ["notebooks/02.ipynb"], report
    again = sync(course, learner, now=NOW)
    assert (learner / "notebooks" / "01.ipynb").read_text() == "my answers" and again["kept"] == ["notebooks/01.ipynb"]


def test_a_file_the_learner_deleted_comes_back_fresh(course, tmp_path):
    learner = tmp_path / "course-copy"
    sync(course, learner, now=NOW)
    (learner / "notebooks" / "01.ipynb").unlink()
    assert sync(course, learner, now=NOW)["added"] == ["notebooks/01.ipynb"]
    assert (learner / "notebooks" / "01.ipynb").read_text() == "instructor 1"


def test_a_learners_own_file_in_the_way_of_a_new_course_file_is_renamed_not_lost(course, tmp_path):
    learner = tmp_path / "course-copy"
    sync(course, learner, now=NOW)
    (learner / "notebooks" / "03.ipynb").write_text("my own notebook")
    (course / "notebooks" / "03.ipynb").write_text("the course's 03")
    report = sync(course, learner, now=NOW)
    (old, new), = report["renamed"]
    assert old == "notebooks/03.ipynb" and new.startswith("notebooks/03_") and new.endswith(".ipynb"), report
    assert (learner / new).read_text() == "my own notebook"
    assert (learner / "notebooks" / "03.ipynb").read_text() == "the course's 03"


def test_nothing_is_deleted_from_the_learners_copy(course, tmp_path):
    learner = tmp_path / "course-copy"
    sync(course, learner, now=NOW)
    (learner / "notebooks" / "scratch.ipynb").write_text("mine")
    (course / "helpers" / "plots.py").unlink()
    sync(course, learner, now=NOW)
    assert (learner / "notebooks" / "scratch.ipynb").read_text() == "mine"
    assert (learner / "helpers" / "plots.py").read_text() == "instructor helper", "removed upstream, kept here"


def test_a_source_that_is_not_the_course_is_refused_with_what_to_give(tmp_path):
    with pytest.raises(FileNotFoundError, match="make student"):
        course_files(tmp_path)
    result = subprocess.run([sys.executable, str(ROOT / "hub" / "course_copy.py"), str(tmp_path), str(tmp_path / "x"),
                             "--link", "no-equals-sign"], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "RELATIVE=TARGET" in result.stderr, result.stderr


def test_the_real_course_gives_every_notebook_helper_and_data_file_but_not_mnist():
    files = course_files(ROOT, skip=["data/mnist"])
    assert "notebooks/06_cnn_mnist.ipynb" in files and "helpers/validate.py" in files
    assert not any(name.startswith("data/mnist") for name in files), "MNIST must stay one shared copy"
