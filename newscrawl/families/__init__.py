"""CMS families: one module per publishing platform, registered in ``FAMILIES``."""
