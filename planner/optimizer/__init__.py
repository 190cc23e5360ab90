"""The optimizer: which pairs may exist, the rules as one formulation, and the
CP-SAT model, LP bound and warm start compiled from it.

Imports only :mod:`planner.core` and the independent checker (:mod:`planner.checker`),
which scores and checks the warm start's plans.
"""
