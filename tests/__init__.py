"""Tests for the onewire_own integration."""
