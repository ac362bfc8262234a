"""Site health dashboard: ``python -m newsspider.report`` writes one self-contained static HTML file."""
