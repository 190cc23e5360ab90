"""What-ifs over solves: comparing plans, sweeps, the quarterly check-in, and
storage (the only module that writes SQL).
"""
