"""Trợ lý 06: a chat bot for Vietnam's Đề án 06."""

__version__ = "0.1.0"
