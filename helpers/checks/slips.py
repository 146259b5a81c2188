"""Slips that many exercises share, as (wrong answer, message) pairs for the checks' `slips`: a rounded answer."""

import numpy as np


def rounded(expected, decimals=(1, 2, 3, 4)):
    """Return the expected answer rounded to each number of decimals, each with the message naming the slip."""
    return [(np.round(np.asarray(expected, dtype=float), d),
             f"Close, but rounded to {d} decimal{'s' if d > 1 else ''}: keep every digit (let Python carry them).")
            for d in decimals]
