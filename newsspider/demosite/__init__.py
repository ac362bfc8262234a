"""The demo's loopback sites: fixture pages (server.py) and a generated portal (portal.py), for ``newsspider.demo``."""
