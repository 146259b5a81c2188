"""The course's colours: Okabe and Ito's eight, which stay distinct for readers with any common colour blindness.

Every figure draws with these (white is the paper); continuous scales use colour maps (viridis and the like).
Where two things must be told apart, a marker or a line style says it too, never red against green alone.
Okabe, M. and Ito, K. (2002, revised 2008). Color Universal Design (CUD): how to make figures and presentations
that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
BLACK, ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE = OKABE_ITO
WHITE = "#FFFFFF"  # the paper, and the edge that lifts a marker off a coloured map

# What each colour means across the course's figures.
PALETTE = {
    "data": BLUE,  # the points, images and measurements we start from
    "model": VERMILLION,  # what a model makes of them: a line, a prediction, the validation checks
    "path": ORANGE,  # where an optimiser went, step by step
    "good": BLUISH_GREEN,  # right answers, a start, "learned"
    "bad": VERMILLION,  # mistakes and divergence (always with a marker, a line style or words as well)
    "other": REDDISH_PURPLE,  # a third series
    "extra": SKY_BLUE,  # a fourth series
    "grid": BLACK,  # reference lines, drawn thin, dotted or faint
}
