"""The demo people of the web chat (fictional), and the web chat's own messages."""

PEOPLE = {
    "admin": ("Nguyễn Văn An", "Quản trị viên — Sở TT&TT"),
    "so": ("Trần Thị Bình", "Điều phối viên toàn tỉnh — Sở TT&TT"),
    "huyen": ("Lê Văn Cường", "Đầu mối huyện Ia Grai"),
    "xa": ("Phạm Thị Dung", "Công chức xã Ia Sao, huyện Ia Grai"),
    "totruong": ("Rơ Châm Hiếu", "Tổ trưởng Tổ CNSCĐ làng Kép, xã Ia Sao"),
    "khach": ("Người mới", "Chưa đăng ký"),
    "zalo": (
        "Người mới (kiểu Zalo)",
        "Chưa đăng ký; tin nhắn hiện như trên Zalo: không có nút, trả lời bằng số hoặc chữ",
    ),
}
# The team the demo team leader leads: (name, village).
LEADER_TEAM = ("Tổ CNSCĐ làng Kép", "Làng Kép")
SITTING_AS = "Anh/chị đang là"

# ---- files attached in the web chat -------------------------------------------------------
UPLOAD_TOO_BIG = "Tệp “{name}” nặng {size} MB, quá giới hạn {limit} MB. Anh/chị chọn tệp nhỏ hơn."
UPLOAD_EMPTY = "Tệp “{name}” trống. Anh/chị chọn tệp khác."
