"""Traffic simulator: realistic AIS receiver logs with incidents and their ground truth.

A scenario (TOML, see `scenario`) places background traffic (`traffic`: merchant ships on
sea-lane routes from `searoute`, ferries, fishing, harbour craft, leisure Class B, ships at
anchor) and incidents after published cases (`incidents`) in an area with zones
(`zones`, drawn by `drawzones`). `world.build_world` turns it into hull tracks and
transponders (`vessel`); `engine.Engine` makes the transmissions at ITU-R M.1371-5
intervals (`reporting`), decides which receivers hear them (`reception`) and writes NMEA
lines with tag blocks, encoded column-wise (`encode`). `truth` writes the ground truth,
`writer` sends lines to files and sockets, `cli` holds the command's entry points.

    from aiswatch.sim import simulate_command, list_scenarios
    simulate_command("taiwan", "taiwan.nmea", duration="6h", vessels=40, seed=1)
"""

from aiswatch.sim.cli import ScenarioInfo, SimulationSummary, list_scenarios, simulate_command
from aiswatch.sim.engine import Chunk, Engine, World
from aiswatch.sim.scenario import Scenario, load_scenario
from aiswatch.sim.world import build_world

__all__ = [
    "Chunk",
    "Engine",
    "Scenario",
    "ScenarioInfo",
    "SimulationSummary",
    "World",
    "build_world",
    "list_scenarios",
    "load_scenario",
    "simulate_command",
]
