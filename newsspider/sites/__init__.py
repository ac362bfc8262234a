"""Registry of site profiles: every ``PROFILE`` defined in a module of this package."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from newsspider.exceptions import ProfileError
from newsspider.sites.profile import Politeness, Selectors, SiteProfile

__all__ = ["Politeness", "Selectors", "SiteProfile", "all_profiles", "get_profile"]


@cache
def all_profiles() -> dict[str, SiteProfile]:
    """Load every profile module once; ids must equal module names and be unique."""
    profiles: dict[str, SiteProfile] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "profile" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        profile = getattr(module, "PROFILE", None)
        if not isinstance(profile, SiteProfile):
            msg = f"module {module.__name__} defines no PROFILE = SiteProfile(...)"
            raise ProfileError(msg)
        if profile.id != info.name:
            msg = f"profile id {profile.id!r} must equal its module name {info.name!r}"
            raise ProfileError(msg)
        profiles[profile.id] = profile
    return profiles


def get_profile(site_id: str) -> SiteProfile:
    """Return the profile named ``site_id`` or raise ProfileError listing the known ids."""
    profiles = all_profiles()
    if site_id not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        msg = f"unknown site {site_id!r} (known: {known})"
        raise ProfileError(msg)
    return profiles[site_id]
