"""The web server: health check, messenger webhooks and the web chat."""
