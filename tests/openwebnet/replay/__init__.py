"""Captured cause-and-effect sequences of real gateways, replayed through the client."""
