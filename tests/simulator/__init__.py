"""Tests of the OpenWebNet gateway simulator, through raw sockets."""
