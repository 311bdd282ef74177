"""Texts specific to the Zalo channel."""

# Zalo sends pictures only from a public web address and no documents at all; until the
# bot serves signed download links, a file is announced by name instead.
FILE_ELSEWHERE = (
    "📎 Tệp “{name}” chưa gửi được qua Zalo. Anh/chị xem tệp này trên Telegram "
    "hoặc nhờ điều phối viên gửi giúp."
)
EMPTY = "…"

# Start-up failures (one line each, after the setting's name; never the token itself).
TOKEN_REJECTED = "Zalo từ chối token này (kiểm tra lại token lấy từ Zalo Bot Creator)"
API_UNREACHABLE = "không kết nối được tới Zalo Bot API {url} ({error})"
API_UNEXPECTED = "Zalo Bot API {url} trả lời không đúng dạng ({error})"
API_REFUSED = "Zalo Bot API {url} từ chối yêu cầu khi khởi động ({error})"
WEBHOOK_REFUSED = "Zalo không nhận địa chỉ webhook này ({error})"
