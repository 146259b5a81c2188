"""Notebook 06's recipes: the settings' promises and the learner's knobs (helpers.settings), today's recipe's
progress reports (helpers.progress), the average of the last weights (helpers.weight_averaging) and the side-by-side
plot of two recipes (helpers.plots.training)."""

import math

import matplotlib.pyplot as plt
import pytest

from helpers import history, progress, settings
from helpers.plots import training as training_plots
from helpers.weight_averaging import average_weights


def test_the_courses_own_setting_is_judged_and_a_changed_knob_is_named_not_asserted():
    own = settings.choose_setting(gpus=[], ci=False)
    assert own.changed == ()
    assert own.judge(0.9912) == f"99.12% reaches the {own.threshold:.1%} that the CPU setting promises"
    assert own.judge(own.threshold - 0.01).startswith(f"{own.threshold - 0.01:.2%} falls short of the")
    mine = settings.choose_setting(train_size=5000, epochs=2, gpus=[], ci=True)
    assert mine.changed == ("epochs=2", "train_size=5000") and mine.today_epochs == 2
    verdict = mine.judge(0.75)
    assert "falls short of" in verdict and "You set epochs=2, train_size=5000" in verdict and "not checked" in verdict
    assert f"{mine.today_threshold:.1%}" in mine.judge(0.999, mine.today_threshold)


def test_live_reports_turn_todays_reports_into_a_history_per_epoch():
    follow = progress.live_reports(2, 3, show=False)
    for epoch in (1, 2):
        for batch in (1, 2, 3):
            follow({"batch": batch})
        follow({"epoch": epoch, "loss": 0.5 / epoch, "accuracy": 0.9, "val_loss": 0.2 / epoch,
                "val_accuracy": 0.97 + epoch / 100})
    h = follow.history
    assert h["val_step"] == [3, 6] and h["epoch_end"] == [3, 6]
    assert h["val_accuracy"] == pytest.approx([0.98, 0.99]) and h["val_loss"] == pytest.approx([0.2, 0.1])
    assert set(history.HISTORY_KEYS) <= set(h)
    with pytest.raises(ValueError, match="steps_per_epoch"):
        progress.live_reports(2, 0, show=False)


def test_two_recipes_share_the_same_axes_with_markers_and_line_styles():
    article = history.new_history()
    article.update(val_step=[54, 108], val_loss=[0.06, 0.04], val_accuracy=[0.981, 0.99], epoch_end=[54, 108])
    today = history.new_history()
    today.update(val_step=[430, 860], val_loss=[0.04, 0.03], val_accuracy=[0.989, 0.994], epoch_end=[430, 860])
    fig, axes = plt.subplots(1, 2)
    training_plots.draw_recipes(axes, [("article", article, 54, (0.035, 0.992)), ("today", today, 430)])
    for ax in axes:
        article_line, kept, today_line = ax.get_lines()
        assert [list(line.get_xdata()) for line in (article_line, today_line)] == [[1.0, 2.0], [1.0, 2.0]]
        assert article_line.get_marker() != today_line.get_marker()
        assert article_line.get_linestyle() != today_line.get_linestyle()
        assert kept.get_xdata()[0] > 2.0 and kept.get_marker() == "*", "the averaged weights after the last check"
    assert list(axes[1].get_lines()[2].get_ydata()) == [0.989, 0.994]
    assert axes[1].get_lines()[1].get_ydata()[0] == 0.992
    low, high = axes[1].get_ylim()
    assert high == 1.0 and low <= 0.9, "the accuracy axis runs to 1 and starts low enough not to magnify tenths"
    assert "label smoothing" in axes[0].get_title() and "lower is better" not in axes[0].get_title()
    with pytest.raises(ValueError, match="two axes"):
        training_plots.draw_recipes(axes[:1], [("article", article, 54)])
    with pytest.raises(ValueError, match="missing"):
        training_plots.draw_recipes(axes, [("bad", {"val_step": []}, 54)])


def test_the_average_covers_the_last_fifth_of_the_steps_the_cpu_settings_last_epoch():
    cpu = settings.choose_setting(gpus=[], ci=False)
    steps_per_epoch = math.ceil(cpu.train_size / cpu.batch_size)
    assert cpu.steps == 5 * steps_per_epoch and cpu.average_steps == steps_per_epoch, (cpu.steps, cpu.average_steps)
    assert settings.choose_setting(epochs=1, train_size=100, batch_size=100, gpus=[], ci=False).average_steps == 1
    assert f"the last {steps_per_epoch} steps" in cpu.describe()


def test_average_weights_refuses_bad_arguments_with_their_names():
    with pytest.raises(ValueError, match="steps"):
        average_weights(None, None, 0, 1)
    with pytest.raises(ValueError, match="average_steps"):
        average_weights(None, None, 10, 11)
    with pytest.raises(TypeError, match="average_steps"):
        average_weights(None, None, 10, 2.5)


def test_live_reports_plot_plain_cross_entropy_where_a_smoothed_recipe_reports_it():
    follow = progress.live_reports(1, 2, show=False)
    follow({"epoch": 1, "loss": 0.6, "cross_entropy": 0.1, "accuracy": 0.9, "val_loss": 0.55,
            "val_cross_entropy": 0.05, "val_accuracy": 0.98})
    assert follow.history["loss"] == [0.1] and follow.history["val_loss"] == [0.05], follow.history
