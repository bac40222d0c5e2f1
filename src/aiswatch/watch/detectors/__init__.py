"""The detectors: each an incremental state machine behind `Detector` (see `base`)."""

from aiswatch.watch.detectors.base import NONE, Detector, Fix, WatchContext
from aiswatch.watch.detectors.cable import CableRisk
from aiswatch.watch.detectors.dark import Dark
from aiswatch.watch.detectors.drag import AnchorDrag
from aiswatch.watch.detectors.encounter import Encounter, Loitering
from aiswatch.watch.detectors.identity import IdentityWatch
from aiswatch.watch.detectors.spoofing import Spoofing
from aiswatch.watch.detectors.zonewatch import ZoneEvents

__all__ = [
    "NONE",
    "AnchorDrag",
    "CableRisk",
    "Dark",
    "Detector",
    "Encounter",
    "Fix",
    "IdentityWatch",
    "Loitering",
    "Spoofing",
    "WatchContext",
    "ZoneEvents",
    "default_detectors",
]


def default_detectors(ctx: WatchContext) -> list[Detector]:
    """Every detector, in the order they see each position: the cable watch first (the
    anchor-drag detector defers to it), encounters before loitering (which
    defers to them)."""
    enc = Encounter(ctx)
    cable = CableRisk(ctx)
    return [
        cable,
        AnchorDrag(ctx, cable),
        Spoofing(ctx),
        IdentityWatch(ctx),
        enc,
        Loitering(ctx, enc),
        ZoneEvents(ctx),
        Dark(ctx),
    ]
