"""Managing members: approval, roles, the directory and organisations."""
