"""mangluoi-bot: the chatbot of Gia Lai's digital-transformation network."""

__version__ = "0.1.0"
