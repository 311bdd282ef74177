"""Texts specific to the Telegram channel."""

SHARE_PHONE = "📱 Chia sẻ số điện thoại"
OR_CHOOSE = "Hoặc chọn:"
PRESSED = "Đã nhận"

# Start-up failures (one line each, after the setting's name; never the token itself).
TOKEN_REJECTED = "Telegram từ chối token này (kiểm tra lại token lấy từ @BotFather)"
API_UNREACHABLE = "không kết nối được tới Bot API {url} ({error})"
API_UNEXPECTED = "Bot API {url} trả lời không đúng dạng của Telegram ({error})"
API_REFUSED = "Bot API {url} từ chối yêu cầu khi khởi động ({error})"
