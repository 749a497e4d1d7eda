"""The progress-report workflow: its table of steps (rules) and the services that take them."""
