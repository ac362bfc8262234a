"""Site health: per-run field statistics of every site and drift alerts against its own history."""
