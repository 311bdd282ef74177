"""Invite links (/moi) and how people receive them."""
