"""ProlifWatch: faithful, searchable records of proliferation cables and reports."""

__version__ = "0.1.0"
