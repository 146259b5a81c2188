"""helpers.fresh_python: a function from a cell runs in a new Python process and streams its reports back."""

import os

import pytest

from helpers import fresh_python


def count_up(to, report=print):
    import os

    for i in range(1, to + 1):
        report(i=i)
    return {"total": to * (to + 1) // 2, "pid": os.getpid()}


def fails(report=print):
    print("about to fail")
    raise ValueError("on purpose")


def test_run_returns_the_result_and_streams_every_report_from_another_process():
    seen = []
    result = fresh_python.run(count_up, on_report=seen.append, to=4)
    assert result["total"] == 10
    assert result["pid"] != os.getpid()
    assert seen == [{"i": 1}, {"i": 2}, {"i": 3}, {"i": 4}]


def test_run_in_a_fresh_process_sees_eager_mode_even_when_this_one_would_not():
    def eager(report=print):
        import sys

        return {"tensorflow_loaded": "tensorflow" in sys.modules}

    # a nested function has no closure here, so it is allowed; the fresh process starts without TensorFlow
    assert fresh_python.run(eager) == {"tensorflow_loaded": False}


def test_a_failure_in_the_fresh_process_raises_with_what_it_printed():
    with pytest.raises(RuntimeError, match="(?s)fails failed.*about to fail.*ValueError: on purpose"):
        fresh_python.run(fails)


def test_bad_functions_and_arguments_get_clear_errors():
    with pytest.raises(TypeError, match="defined with def"):
        fresh_python.run(lambda report=print: 1)
    with pytest.raises(TypeError, match="defined with def"):
        fresh_python.run(len)  # a built-in has no source to send
    with pytest.raises(TypeError, match="JSON"):
        fresh_python.run(count_up, to=object())
    size = 3

    def closes_over(report=print):
        return size

    with pytest.raises(ValueError, match="top level of a cell"):
        fresh_python.run(closes_over)

    def no_report():
        return 1

    with pytest.raises(TypeError, match="parameter called report"):
        fresh_python.run(no_report)
