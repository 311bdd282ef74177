"""Registration: joining the network by oneself (/dangky) or by invite, and its review."""
