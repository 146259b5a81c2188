"""helpers.data: the small course data sets load as (n, 2) arrays, with clear errors otherwise."""

import pytest

from helpers import data


def test_every_course_csv_loads_as_points():
    names = sorted(path.stem for path in data.DATA_DIR.glob("*.csv"))
    assert names, "data/ should hold the course's CSV data sets"
    for name in names:
        points = data.load_points(name)
        assert points.ndim == 2 and points.shape[1] == 2 and len(points) > 0, f"data/{name}.csv is not (n, 2)"


def test_unknown_data_set_names_the_known_ones():
    with pytest.raises(FileNotFoundError, match="known:"):
        data.load_points("no_such_data")


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match="name must be"):
        data.load_points(3)
