"""Texts specific to the Zalo channel."""

# Zalo sends pictures only from a public web address and no documents at all. With a
# public address configured (web.public_base_url), a file goes as a signed download link;
# without one, it is announced by name instead.
FILE_ELSEWHERE = (
    "📎 Tệp “{name}” chưa gửi được qua Zalo. Anh/chị xem tệp này trên Telegram "
    "hoặc nhờ điều phối viên gửi giúp."
)
FILE_LINK = (
    "📎 Tệp “{name}” ({what}): {url}\n"
    "Anh/chị tải về trước {time} {date}. Liên kết chỉ dùng được một lần."
)
PICTURE_LINK = "🖼 Ảnh “{name}”."
PICTURE_AT = "🖼 Xem ảnh tại: {url}"
# What a file holds, by its MIME type (anything else: FILE_KIND_OTHER).
FILE_KINDS = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "bảng tính Excel",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "văn bản Word",
    "application/json": "dữ liệu JSON",
    "application/pdf": "tài liệu PDF",
    "text/csv": "bảng CSV",
    "image/png": "ảnh PNG",
    "image/jpeg": "ảnh JPEG",
    "image/webp": "ảnh WebP",
}
FILE_KIND_OTHER = "tệp đính kèm"
EMPTY = "…"

# Start-up failures (one line each, after the setting's name; never the token itself).
TOKEN_REJECTED = "Zalo từ chối token này (kiểm tra lại token lấy từ Zalo Bot Creator)"
API_UNREACHABLE = "không kết nối được tới Zalo Bot API {url} ({error})"
API_UNEXPECTED = "Zalo Bot API {url} trả lời không đúng dạng ({error})"
API_REFUSED = "Zalo Bot API {url} từ chối yêu cầu khi khởi động ({error})"
WEBHOOK_REFUSED = "Zalo không nhận địa chỉ webhook này ({error})"
