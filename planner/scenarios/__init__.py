"""What-ifs over solves: comparing plans, sweeps, the quarterly check-in, and
storage, the only SQL in ``planner``: ``storage`` (the scenarios' statements),
``schema`` (its migrations) and ``database`` (opening the file, transactions).
"""
