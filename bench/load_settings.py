"""The portal's settings plus one bare view, for bench/load.py only (never deployed)."""

from huanghe_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
