"""Shared test helpers: databases, clocks and a driver that chats as a web chat person."""
