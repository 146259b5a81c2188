"""Exercise checks: each prints friendly feedback on a learner's answer and never raises on a wrong one.

An unanswered exercise holds `...` (Ellipsis); the checks say so instead of failing, so a notebook with blank
exercises still runs top to bottom. Expected answers are computed, not typed in. Notebooks call them as
checks.X. The modules, by what they check: feedback (the marks and the generic checks), fitting (lines through
points), descent (gradient descent), neurons (perceptrons and small networks), backprop (a backward pass for two
hidden layers), digits (the convnet), convolution (the learner's own convolution against the trained first layer).
"""

from helpers.checks.backprop import check_two_hidden_layers
from helpers.checks.convolution import check_conv2d_same
from helpers.checks.descent import check_first_step, check_local_minimum, check_momentum_step, check_start_at_minus_half
from helpers.checks.digits import (
    check_accuracy_function,
    check_cross_entropy,
    check_dense_parameters,
    check_feature_map_shape,
)
from helpers.checks.feedback import FAIL, PASS, TODO, check_array, check_choice, check_function, check_number
from helpers.checks.fitting import (
    ARTICLE_POINTS,
    check_b_gradient,
    check_best_intercept,
    check_mean_squared_error_function,
    check_normal_equations,
    check_one_squared_error,
    check_steps_at_rate,
    check_why_slow,
    check_why_squares,
)
from helpers.checks.neurons import (
    check_finite_difference,
    check_gate_weights,
    check_gradient_shape,
    check_one_update,
    check_predict_function,
    check_symmetry,
    check_tanh_derivative,
    check_xor_feature,
)

__all__ = [
    "ARTICLE_POINTS", "FAIL", "PASS", "TODO", "check_accuracy_function", "check_array", "check_b_gradient",
    "check_best_intercept", "check_choice", "check_conv2d_same", "check_cross_entropy", "check_dense_parameters",
    "check_feature_map_shape", "check_finite_difference", "check_first_step", "check_function", "check_gate_weights",
    "check_gradient_shape", "check_local_minimum", "check_mean_squared_error_function", "check_momentum_step",
    "check_normal_equations", "check_number", "check_one_squared_error", "check_one_update", "check_predict_function",
    "check_start_at_minus_half", "check_steps_at_rate", "check_symmetry", "check_tanh_derivative",
    "check_two_hidden_layers", "check_why_slow", "check_why_squares", "check_xor_feature",
]
