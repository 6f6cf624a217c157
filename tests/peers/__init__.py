"""Real protocol peers the tests run against (owserver, OpenWebNet simulator)."""
