"""Texts of linking a second messenger to one's record (/lienket) and of the preferred one."""

CMD = "Dùng chung hồ sơ trên Telegram và Zalo"
BUTTON = "🔗 Liên kết ứng dụng khác"
CHANNELS = {"telegram": "Telegram", "zalo": "Zalo", "webchat": "trò chuyện web"}

CODE_ISSUED = (
    "Mã liên kết của anh/chị: {code}\n"
    "Mã dùng được một lần, hiệu lực đến {until}.\n"
    "Trên ứng dụng nhắn tin còn lại, anh/chị mở Trợ lý và gõ: /lienket {code} "
    "(hoặc chỉ gõ 6 chữ số)."
)
HOW_TO = (
    "Để dùng chung hồ sơ đã đăng ký trên ứng dụng khác: trên ứng dụng đó, anh/chị gõ "
    "/lienket để nhận mã 6 chữ số, rồi gõ mã vào đây."
)
NOT_A_CODE = "Mã liên kết gồm 6 chữ số. Anh/chị vui lòng gõ lại, ví dụ: 123456."
WRONG = (
    "Mã liên kết không đúng hoặc đã hết hạn. Anh/chị vui lòng kiểm tra và gõ lại 6 chữ số, "
    "hoặc gõ /lienket trên ứng dụng đã đăng ký để nhận mã mới."
)
TOO_MANY = (
    "Mã đã bị gõ sai quá 5 lần nên tạm khóa. Anh/chị vui lòng đợi 10 phút, rồi gõ /lienket "
    "trên ứng dụng đã đăng ký để nhận mã mới."
)
ALREADY = "Tài khoản này đã dùng chung hồ sơ của anh/chị rồi."
OTHER_MEMBER = (
    "Tài khoản này đã có một hồ sơ riêng trong Mạng lưới chuyển đổi số, nên Trợ lý không tự "
    "gộp hai hồ sơ. Anh/chị vui lòng liên hệ quản trị viên để được gộp giúp."
)
LINKED_HERE = (
    "✅ Đã liên kết. Từ nay tài khoản {channel} này dùng chung hồ sơ của {name}. Gõ /hoso để "
    "xem và chọn ứng dụng nhận tin."
)
LINKED_THERE = (
    "🔗 Hồ sơ của anh/chị vừa được liên kết với một tài khoản {channel}. Nếu không phải "
    "anh/chị thực hiện, xin báo ngay quản trị viên."
)
PHONE_REGISTERED = (
    "Số điện thoại này đã được đăng ký trên ứng dụng khác. Trợ lý vừa gửi mã liên kết 6 chữ "
    "số đến ứng dụng đó; anh/chị vui lòng gõ mã vào đây để dùng chung một hồ sơ. Trên ứng "
    "dụng đó, anh/chị cũng lấy được mã mới bằng /hoso → Liên kết ứng dụng khác."
)
CODE_SENT_THERE = (
    "Có người vừa đăng ký bằng số điện thoại của anh/chị trên {channel}. Nếu đó là anh/chị, "
    "xin gõ mã liên kết này trên {channel}: {code} (hiệu lực đến {until}). Nếu không phải, "
    "anh/chị bỏ qua tin này và không đưa mã cho ai."
)

PREFERRED_LINE = "Nhận tin qua: {channel}"
PREFERRED_AUTO = "ứng dụng dùng gần nhất"
EDIT_PREFERRED = "📨 Ứng dụng nhận tin"
ASK_PREFERRED = (
    "Anh/chị muốn nhận thông báo, nhắc việc và báo cáo tiến độ qua ứng dụng nào? Nếu ứng "
    "dụng đó không gửi được, Trợ lý gửi qua ứng dụng còn lại."
)
PREFERRED_SAVED = "✅ Từ nay Trợ lý gửi tin cho anh/chị qua {channel}."
