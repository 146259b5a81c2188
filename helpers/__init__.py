"""Helpers for "Coding the History of Deep Learning": the machinery the notebooks lean on.

One module per concern: validate (input checks), data (course data sets), mnist (real MNIST),
plots, widgets, checks (exercise feedback), and tflearn_setup (the only module that imports tflearn).
"""
