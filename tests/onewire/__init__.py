"""Home Assistant tests of the 1-Wire half, against a real owserver --fake."""
