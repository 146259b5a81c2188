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


def no_report():
    return 1


def message_of(error_type, call):
    """Return the whole message of the error_type that call() raises."""
    with pytest.raises(error_type) as caught:
        call()
    return str(caught.value)


def test_a_function_without_report_is_told_the_whole_signature_to_write():
    assert message_of(TypeError, lambda: fresh_python.run(no_report)) == (
        "no_report must take a parameter called report: run() passes a function that sends progress back, as in "
        "def no_report(..., report=print)."
    )


def test_bad_functions_and_arguments_get_whole_clear_messages():
    lam = lambda report=print: 1  # noqa: E731
    assert message_of(TypeError, lambda: fresh_python.run(lam)) == (
        f"function must be a function defined with def in a cell, got {lam!r}: run() sends its source code to the "
        "fresh process."
    )
    assert message_of(TypeError, lambda: fresh_python.run(len)).startswith(  # a built-in has no source to send
        "function must be a function defined with def in a cell, got <built-in function len>"
    )
    assert message_of(TypeError, lambda: fresh_python.run(count_up, to=object())) == (
        "the arguments for count_up must be numbers, strings, lists or dicts (JSON), so that they can travel to the "
        "fresh process: Object of type object is not JSON serializable"
    )
    size = 3

    def closes_over(report=print):
        return size

    assert message_of(ValueError, lambda: fresh_python.run(closes_over)) == (
        "closes_over uses names from the function around it; define it at the top level of a cell so that its "
        "source runs on its own."
    )
    assert message_of(TypeError, lambda: fresh_python.run(count_up, report=print)) == (
        "run() passes count_up its own report: leave report out of the arguments and use on_report to receive "
        "what it sends."
    )
    assert message_of(TypeError, lambda: fresh_python.run(count_up, on_report="print", to=2)) == (
        "on_report must be a function that takes a dict of reported values (or None), got 'print'."
    )
