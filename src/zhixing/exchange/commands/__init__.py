"""The exchange context's commands: batches imported and events reported by court systems."""
