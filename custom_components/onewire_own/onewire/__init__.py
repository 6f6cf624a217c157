"""The 1-Wire (owserver) half of the integration."""
