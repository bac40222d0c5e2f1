"""Vessels: identity history, links and multi-transmitter track segments per MMSI, updated
report by report (`VesselRegistry`), with a query layer over the DuckDB store.

Data flow: sources -> nmea -> ais -> **vessels** -> watch -> alerts -> store/service. The
core (model, identity, segments, registry, export) is pure; `aiswatch.vessels.query` reads
the store.
"""

from aiswatch.vessels.events import (
    CloseReason,
    Event,
    FieldChange,
    IdentityChange,
    IdentityKey,
    ImpossibleJump,
    Link,
    LinkFound,
    LinkKind,
    OpenReason,
    OverlapDetected,
    PossibleSwap,
    SegmentClosed,
    SegmentInfo,
    SegmentOpened,
    event_to_dict,
)
from aiswatch.vessels.identity import Identity, IdentityTracker
from aiswatch.vessels.model import (
    PositionReport,
    Report,
    StaticReport,
    reports_from_message,
    reports_from_rows,
    reports_from_tables,
)
from aiswatch.vessels.registry import Dossier, RegistryConfig, VesselRegistry, mmsi_problem
from aiswatch.vessels.segments import Segmenter, distance_nm

__all__ = [
    "CloseReason",
    "Dossier",
    "Event",
    "FieldChange",
    "Identity",
    "IdentityChange",
    "IdentityKey",
    "IdentityTracker",
    "ImpossibleJump",
    "Link",
    "LinkFound",
    "LinkKind",
    "OpenReason",
    "OverlapDetected",
    "PositionReport",
    "PossibleSwap",
    "RegistryConfig",
    "Report",
    "SegmentClosed",
    "SegmentInfo",
    "SegmentOpened",
    "Segmenter",
    "StaticReport",
    "VesselRegistry",
    "distance_nm",
    "event_to_dict",
    "mmsi_problem",
    "reports_from_message",
    "reports_from_rows",
    "reports_from_tables",
]
