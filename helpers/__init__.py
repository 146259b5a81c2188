"""Helpers for "Coding the History of Deep Learning": the machinery the notebooks lean on.

One module per concern: validate (input checks), data (the course's CSV data sets), mnist (real MNIST,
verified), palette (the course's colours), plots (every figure), widgets, checks (exercise feedback),
regression and optimizers (notebooks 01-03), neural (notebooks 04-05), convnet (notebook 06's network),
training (notebook 06's training loop), tensorflow_setup (TensorFlow without its start-up noise) and
tflearn_setup (the only module that imports tflearn).
"""
