"""One adapter per messenger, all behind the small interface in `base`."""
