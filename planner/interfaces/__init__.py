"""The ways in: the command line and the chart data the app draws."""
