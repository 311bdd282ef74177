"""Tổ công nghệ số cộng đồng (/todoi): registering and looking after the teams."""
