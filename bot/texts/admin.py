"""Texts of administration (roles, bootstrap)."""

PLACEHOLDER_NAME = "Chưa cập nhật tên ({role})"
ROLE_NAMES = {"member": "thành viên", "coordinator": "điều phối viên", "admin": "quản trị viên"}
GRANTED = "Đã cấp vai trò {role} cho {channel}:{user_id} (thành viên số {member_id})."
