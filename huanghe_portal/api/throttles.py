"""The API's throttles live in huanghe_portal/throttling.py (shared with the public pages)."""

from ..throttling import AnonThrottle, PublicSubmitThrottle, PublicTrackThrottle, SubmissionsPaused

__all__ = ["AnonThrottle", "PublicSubmitThrottle", "PublicTrackThrottle", "SubmissionsPaused"]
