"""Texts specific to the Telegram channel."""

SHARE_PHONE = "📱 Chia sẻ số điện thoại"
OR_CHOOSE = "Hoặc chọn:"
PRESSED = "Đã nhận"
