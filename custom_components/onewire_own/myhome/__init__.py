"""The MyHOME (OpenWebNet gateway) half of the integration."""
