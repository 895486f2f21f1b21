"""Zhixing (执行): cross-court enforcement risk platform."""

__version__ = "0.1.0"
