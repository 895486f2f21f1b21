"""Viewport sizes shared by the browser tests and their fixtures."""

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
