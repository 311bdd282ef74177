"""The Vietnamese text catalog: every sentence the bot says, one module per feature."""
