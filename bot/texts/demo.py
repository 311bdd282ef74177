"""Names of the demo people in the web chat."""

PEOPLE = {
    "admin": ("Nguyễn Văn An", "Quản trị viên — Sở TT&TT"),
    "so": ("Trần Thị Bình", "Điều phối viên toàn tỉnh — Sở TT&TT"),
    "huyen": ("Lê Văn Cường", "Đầu mối huyện Ia Grai"),
    "xa": ("Phạm Thị Dung", "Công chức xã Ia Sao, huyện Ia Grai"),
    "totruong": ("Rơ Châm Hiếu", "Tổ trưởng Tổ CNSCĐ làng Kép, xã Ia Sao"),
    "khach": ("Người mới", "Chưa đăng ký"),
}
SITTING_AS = "Anh/chị đang là"
