"""Exercise checks: each prints friendly feedback on a learner's answer and never raises on a wrong one.

An unanswered exercise holds `...` (Ellipsis); the checks say so instead of failing, so a notebook with blank
exercises still runs top to bottom. Expected answers are computed, not typed in. Notebooks call them as
checks.X. The modules, by what they check: feedback (the marks, the one rule for comparing answers, the generic
checks), slips (the slips many exercises share), fitting (lines through points), descent (gradient descent),
neurons (perceptrons), backprop (notebook 05's: slopes, gradients, their cost, a backward pass for two hidden
layers), digits (the convnet), convolution (the learner's own convolution against the trained first layer, and its
backward pass w.r.t. the filter).
"""

from helpers.checks.backprop import (
    check_finite_difference,
    check_forward_passes,
    check_gradient_shape,
    check_symmetry,
    check_tanh_slope,
    check_two_hidden_layers,
    check_used_twice,
)
from helpers.checks.convolution import check_conv2d_same, check_input_gradient
from helpers.checks.descent import (
    check_first_step,
    check_momentum_step,
    check_rate_limit,
    check_start_at_minus_half,
    check_steps_to_close,
)
from helpers.checks.digits import (
    check_accuracy_function,
    check_conv_parameters,
    check_cross_entropy,
    check_receptive_field,
    check_valid_conv_shape,
)
from helpers.checks.feedback import (
    FAIL,
    PASS,
    TODO,
    check_array,
    check_choice,
    check_count,
    check_function,
    check_number,
    check_shape,
    same_value,
)
from helpers.checks.fitting import (
    ARTICLE_POINTS,
    check_b_gradient,
    check_best_intercept,
    check_least_squares_line,
    check_mean_squared_error_function,
    check_new_line_error,
    check_normal_equations,
    check_rate_limit_for_points,
    check_steps_at_rate,
    check_steps_when_round,
    check_worst_share,
)
from helpers.checks.neurons import (
    check_corrections,
    check_gate_weights,
    check_one_update,
    check_predict_function,
    check_xor_feature,
)

__all__ = [
    "ARTICLE_POINTS", "FAIL", "PASS", "TODO", "check_accuracy_function", "check_array", "check_b_gradient",
    "check_best_intercept", "check_choice", "check_conv2d_same", "check_conv_parameters", "check_corrections",
    "check_count", "check_cross_entropy", "check_input_gradient", "check_finite_difference",
    "check_first_step", "check_forward_passes", "check_function", "check_gate_weights", "check_gradient_shape",
    "check_least_squares_line", "check_mean_squared_error_function", "check_momentum_step", "check_new_line_error",
    "check_normal_equations", "check_number", "check_one_update", "check_predict_function", "check_rate_limit",
    "check_receptive_field",
    "check_rate_limit_for_points", "check_shape", "check_start_at_minus_half", "check_steps_at_rate",
    "check_steps_to_close", "check_steps_when_round", "check_symmetry", "check_tanh_slope", "check_two_hidden_layers",
    "check_used_twice", "check_valid_conv_shape", "check_worst_share", "check_xor_feature", "same_value",
]
