"""Tests of the emulated 1-Wire bus (simulator.onewire)."""
