"""Goal Planner: turn a quarter's stretch goals into a plan sales and marketing both own."""
