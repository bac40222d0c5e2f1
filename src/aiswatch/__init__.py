"""aiswatch: decode, store and watch AIS traffic (ITU-R M.1371-5)."""

__version__ = "0.1.0"
