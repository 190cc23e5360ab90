"""The domain layer: the problem's data, its settings, loading and writing it.

Imports nothing else of ``planner``; every other layer builds on it.
"""
