"""helpers.training, issue 15: the decaying learning rate, the settings' promises and the learner's knobs, today's
recipe's progress reports and the side-by-side plot of two recipes."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import training


def test_the_rate_decays_from_the_articles_to_the_final_by_the_same_factor_each_step():
    assert training.decayed_rate(0, 270) == pytest.approx(0.01)
    assert training.decayed_rate(270, 270) == pytest.approx(0.0001)
    assert training.decayed_rate(135, 270) == pytest.approx(0.001)  # halfway: the geometric mean of 0.01 and 0.0001
    rates = [training.decayed_rate(step, 10) for step in range(11)]
    assert np.allclose(np.diff(np.log(rates)), math.log(0.01) / 10)


def test_the_decay_refuses_bad_arguments_with_their_names():
    with pytest.raises(ValueError, match="steps"):
        training.decayed_rate(0, 0)
    with pytest.raises(ValueError, match="final_rate"):
        training.decayed_rate(0, 10, final_rate=0)
    with pytest.raises(TypeError, match="steps"):
        training.decayed_rate(0, "270")


def test_decaying_adam_gives_tensorflow_the_same_rates_as_decayed_rate(tmp_path):
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import json, sys
        import tensorflow as tf
        from helpers import tflearn_setup, training
        tflearn = tflearn_setup.import_tflearn(runs_dir=sys.argv[1])
        adam = training.decaying_adam(tflearn, 100)
        step = tf.compat.v1.Variable(0.0, trainable=False)
        adam.build(step)
        rate = adam.tensor._lr
        with tf.compat.v1.Session() as session:
            session.run(tf.compat.v1.global_variables_initializer())
            rates = []
            for value in (0.0, 50.0, 100.0):
                session.run(step.assign(value))
                rates.append(float(session.run(rate)))
        print("RATES", json.dumps([type(adam).__name__, adam.has_decay, rates]))
    """)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    name, has_decay, rates = __import__("json").loads(done.stdout.split("RATES", 1)[1])
    assert name == "Adam" and has_decay, "TFLearn should print 'Adam' and hand the optimizer its step counter"
    assert np.allclose(rates, [training.decayed_rate(s, 100) for s in (0, 50, 100)], rtol=1e-5), rates


def test_the_courses_own_setting_is_judged_and_a_changed_knob_is_named_not_asserted():
    own = training.choose_setting(gpus=[], ci=False)
    assert own.changed == () and own.threshold == 0.987 and own.today_threshold == 0.99
    assert own.judge(0.9912) == "99.12% reaches the 98.7% that the CPU setting promises"
    assert own.judge(0.9812).startswith("98.12% falls short of the 98.7%")
    mine = training.choose_setting(train_size=5000, epochs=2, gpus=[], ci=True)
    assert mine.changed == ("epochs=2", "train_size=5000") and mine.today_epochs == 2
    verdict = mine.judge(0.75)
    assert "falls short of" in verdict and "You set epochs=2, train_size=5000" in verdict and "not checked" in verdict
    assert f"{mine.today_threshold:.1%}" in mine.judge(0.999, mine.today_threshold)


def test_live_reports_turn_todays_reports_into_a_history_per_epoch():
    follow = training.live_reports(2, 3, show=False)
    for epoch in (1, 2):
        for batch in (1, 2, 3):
            follow({"batch": batch})
        follow({"epoch": epoch, "loss": 0.5 / epoch, "accuracy": 0.9, "val_loss": 0.2 / epoch,
                "val_accuracy": 0.97 + epoch / 100})
    h = follow.history
    assert h["val_step"] == [3, 6] and h["epoch_end"] == [3, 6]
    assert h["val_accuracy"] == pytest.approx([0.98, 0.99]) and h["val_loss"] == pytest.approx([0.2, 0.1])
    assert set(training.HISTORY_KEYS) <= set(h)
    with pytest.raises(ValueError, match="steps_per_epoch"):
        training.live_reports(2, 0, show=False)


def test_two_recipes_share_the_same_axes_with_markers_and_line_styles():
    article = training.new_history()
    article.update(val_step=[54, 108], val_loss=[0.06, 0.04], val_accuracy=[0.981, 0.99], epoch_end=[54, 108])
    today = training.new_history()
    today.update(val_step=[430, 860], val_loss=[0.04, 0.03], val_accuracy=[0.989, 0.994], epoch_end=[430, 860])
    fig, axes = plt.subplots(1, 2)
    training.draw_recipes(axes, [("article", article, 54), ("today", today, 430)])
    for ax in axes:
        lines = ax.get_lines()
        assert len(lines) == 2 and [list(line.get_xdata()) for line in lines] == [[1.0, 2.0], [1.0, 2.0]]
        assert lines[0].get_marker() != lines[1].get_marker() and lines[0].get_linestyle() != lines[1].get_linestyle()
    assert list(axes[1].get_lines()[1].get_ydata()) == [0.989, 0.994]
    with pytest.raises(ValueError, match="two axes"):
        training.draw_recipes(axes[:1], [("article", article, 54)])
    with pytest.raises(ValueError, match="missing"):
        training.draw_recipes(axes, [("bad", {"val_step": []}, 54)])


def test_the_average_covers_the_last_fifth_of_the_steps_the_cpu_settings_last_epoch():
    cpu = training.choose_setting(gpus=[], ci=False)
    steps_per_epoch = math.ceil(cpu.train_size / cpu.batch_size)
    assert cpu.steps == 5 * steps_per_epoch and cpu.average_steps == steps_per_epoch, (cpu.steps, cpu.average_steps)
    assert training.choose_setting(epochs=1, train_size=100, batch_size=100, gpus=[], ci=False).average_steps == 1
    assert "the last 108 steps" in cpu.describe()


def test_average_weights_refuses_bad_arguments_with_their_names():
    with pytest.raises(ValueError, match="steps"):
        training.average_weights(None, None, 0, 1)
    with pytest.raises(ValueError, match="average_steps"):
        training.average_weights(None, None, 10, 11)
    with pytest.raises(TypeError, match="average_steps"):
        training.average_weights(None, None, 10, 2.5)


def test_live_reports_plot_plain_cross_entropy_where_a_smoothed_recipe_reports_it():
    follow = training.live_reports(1, 2, show=False)
    follow({"epoch": 1, "loss": 0.6, "cross_entropy": 0.1, "accuracy": 0.9, "val_loss": 0.55,
            "val_cross_entropy": 0.05, "val_accuracy": 0.98})
    assert follow.history["loss"] == [0.1] and follow.history["val_loss"] == [0.05], follow.history
