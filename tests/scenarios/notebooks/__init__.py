"""Lessons and a simulated learner run top to bottom in fresh Jupyter kernels, as a student would run them."""
