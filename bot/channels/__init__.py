"""One adapter per messenger, all behind the interface in `base`, built from the
configuration by `registry`."""
