"""Texts of administration (roles, bootstrap)."""

PLACEHOLDER_NAME = "Chưa cập nhật tên ({role})"
ROLE_NAMES = {"member": "thành viên", "coordinator": "điều phối viên", "admin": "quản trị viên"}
GRANTED = "Đã cấp vai trò {role} cho {channel}:{user_id} (thành viên số {member_id})."
REVOKED = (
    "Đã thu hồi vai trò của {channel}:{user_id} (thành viên số {member_id}); nay là thành viên."
)
REVOKE_NOTHING = "{channel}:{user_id} không có vai trò nào để thu hồi."
REVOKE_UNKNOWN = "Không tìm thấy thành viên nào có tài khoản {channel}:{user_id}."

SCOPE_ONLY_FOR_COORDINATORS = (
    "--scope-code chỉ dùng với --role coordinator (vai trò {role} không có phạm vi)."
)
SCOPE_UNKNOWN = (
    "--scope-code {code}: không có đơn vị nào mã {code} trong danh mục {catalog} "
    "(mã huyện hoặc xã theo danh mục đơn vị hành chính)."
)
SCOPE_PROVINCE = "toàn tỉnh"
NEEDS_YES = (
    "{channel}:{user_id} đang là quản trị viên; thay đổi này bỏ quyền quản trị. "
    "Chạy lại với --yes nếu đúng ý."
)
CHANGED = "Vai trò của {channel}:{user_id} (thành viên số {member_id}): {before} → {after}."
UNCHANGED = "{channel}:{user_id} (thành viên số {member_id}) đã là {after}; không có gì thay đổi."

START_FAILED = "Không khởi động được / cannot start: {problem}"
DATABASE_UNREACHABLE = "không mở hoặc không kết nối được cơ sở dữ liệu ({error})"
PORT_BUSY = "không dùng được {host}:{port} cho máy chủ web ({error}); chọn cổng khác"
