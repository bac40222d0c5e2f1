"""Build a `World` from a scenario: incidents first (their identities are reserved), then
background traffic, each from its own seeded random stream."""

from __future__ import annotations

import numpy as np

from aiswatch.sim.engine import World
from aiswatch.sim.incidents import Context, build_incident
from aiswatch.sim.reception import Network
from aiswatch.sim.routes import Router
from aiswatch.sim.scenario import Scenario
from aiswatch.sim.traffic import Identities, background
from aiswatch.sim.vessel import Vessel

_ROUTER = Router()  # routes depend only on their end points: share the cache between runs


def build_world(
    sc: Scenario, seed: int = 0, *, duration: float | None = None, vessels: int | None = None
) -> World:
    """The world of scenario `sc` for `seed`; `duration` (seconds) and `vessels` (number of
    background vessels) override the scenario's."""
    dur = float(duration if duration is not None else sc.duration)
    if dur <= 0:
        raise ValueError("duration must be positive")
    count = int(vessels if vessels is not None else sc.vessels)
    if count < 0:
        raise ValueError("the number of vessels cannot be negative")
    ids = Identities(np.random.default_rng([seed, 1]), sc.traffic.flags)
    fleet: list[Vessel] = []
    truth = []
    for k, spec in enumerate(sc.incidents):
        ctx = Context(sc, _ROUTER, np.random.default_rng([seed, 2, k]), ids, dur)
        out = build_incident(spec, ctx)
        fleet.extend(out.vessels)
        truth.extend(out.truth)
    fleet.extend(background(sc, count, ids, _ROUTER, np.random.default_rng([seed, 3]), dur))
    clipped = [c for r in truth if (c := r.clipped(dur)) is not None]
    return World(
        name=sc.name,
        start_epoch=sc.start_epoch,
        duration=dur,
        vessels=fleet,
        network=Network(tuple(sc.receivers)),
        atons=list(sc.atons),
        truth=clipped,
    )
