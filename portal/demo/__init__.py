"""Demo data (演示数据): an invented 2024 reporting history for `manage.py seed_demo`, written through the
same workflow services as real users' reports (history.py), with its texts (texts.py) and the small PDF
files it attaches (pdf.py)."""

from .history import DemoHistory, demo_history_create, demo_history_summary

__all__ = ["DemoHistory", "demo_history_create", "demo_history_summary"]
