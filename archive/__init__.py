"""The archive of rounds, units, reports, conclusions and recommendations."""
