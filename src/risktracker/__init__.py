"""Risk Tracker: a China security and risk tracker built from open-source reporting.

Data flows one way: ingest -> enrich -> analyze -> assess -> publish. The public
library API lives in the stage packages; :mod:`risktracker.cli` only parses options.
"""

__version__ = "0.1.0"
