"""The short pages a download link answers with when it does not give its file."""

PAGE = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title></head><body><h1>{title}</h1><p>{detail}</p></body></html>"
)
UNKNOWN = ("Không tìm thấy tệp", "Liên kết này không đúng. Anh/chị kiểm tra lại liên kết.")
FORGED = ("Liên kết không hợp lệ", "Liên kết này không đúng. Anh/chị kiểm tra lại liên kết.")
EXPIRED = (
    "Liên kết đã hết hạn",
    "Anh/chị gửi lại yêu cầu cho Trợ lý để nhận liên kết mới.",
)
USED = (
    "Liên kết đã được dùng",
    "Tệp này đã được tải về một lần. Anh/chị gửi lại yêu cầu cho Trợ lý để nhận liên kết mới.",
)
