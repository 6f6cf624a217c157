"""Tests of the MyHOME half against the simulated OpenWebNet gateway."""
