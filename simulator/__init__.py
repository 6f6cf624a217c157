"""Simulated peers for onewire_own: stand-ins for hardware the tests cannot own.

``simulator.openwebnet`` is a BTicino/Legrand OpenWebNet gateway with a
scriptable MyHOME bus behind it (see that package's docstring).
"""
