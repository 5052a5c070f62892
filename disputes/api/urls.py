from .views import CommitteeViewSet, DisputeViewSet, ScreeningRoundViewSet


def register(router) -> None:
    router.register("disputes/committees", CommitteeViewSet, basename="dispute-committee")
    router.register(
        "disputes/screening-rounds", ScreeningRoundViewSet, basename="dispute-screening-round"
    )
    router.register("disputes", DisputeViewSet, basename="dispute")
