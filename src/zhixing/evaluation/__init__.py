"""Evaluation: running the scenarios (zhixing.scenarios) and storing what they find as
alerts (zhixing.alerts), in a full scan or in real time after new rows. It sits above both,
so the scenarios never import the alerts."""
