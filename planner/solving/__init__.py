"""One solve, end to end: the optimizer, the independent checker and the
explanation of a plan that cannot be made, behind a bounded queue.
"""
