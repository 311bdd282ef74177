"""Texts of administration (roles, bootstrap) and of the `mangluoi` command line."""

CLI_DESCRIPTION = "Trợ lý Mạng lưới CĐS Gia Lai"
DEMO_RUNNING = "Web chat: {url}  (Ctrl+C để dừng)"
CONFIG_ERROR = "Lỗi cấu hình / configuration error: {error}"

PLACEHOLDER_NAME = "Chưa cập nhật tên ({role})"
ROLE_NAMES = {"member": "thành viên", "coordinator": "điều phối viên", "admin": "quản trị viên"}
GRANTED = "Đã cấp vai trò {role} cho {channel}:{user_id} (thành viên số {member_id})."
REVOKED = (
    "Đã thu hồi vai trò của {channel}:{user_id} (thành viên số {member_id}); nay là thành viên."
)
REVOKE_NOTHING = "{channel}:{user_id} không có vai trò nào để thu hồi."
REVOKE_UNKNOWN = "Không tìm thấy thành viên nào có tài khoản {channel}:{user_id}."
