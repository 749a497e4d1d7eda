"""Pages of the reports app, one module per capability: a unit's work, a report's own pages, report
lists, and the leaders' overview."""
