"""Texts of administration (roles, bootstrap) and of the `mangluoi` command line."""

# ---- `mangluoi --help`: operator text, Vietnamese first then English ----------------------
CLI_DESCRIPTION = "Trợ lý Mạng lưới chuyển đổi số tỉnh Gia Lai / the network's chatbot"
HELP_USAGE = "Cách dùng / usage: "
HELP_OPTIONS = "tùy chọn / options"
HELP_ARGUMENTS = "tham số / arguments"
HELP_HELP = "hiện trợ giúp này / show this help"
HELP_COMMAND = "LỆNH"
HELP_ACTION = "VIỆC"
HELP_CONFIG = "tệp cấu hình TOML / configuration file (mặc định / default: config.toml)"
HELP_CHANNEL = "kênh của tài khoản / messenger"
HELP_USER_ID = "mã người dùng trên kênh đó (Telegram: user id số) / the account's id there"
HELP_YES = "xác nhận bỏ quyền quản trị / confirm removing admin"
HELP_RUN = "chạy bot: các kênh, lịch chạy và máy chủ web / run the bot"
HELP_DEMO = "chạy web chat thử trên CSDL demo, không cần token / web chat on a demo database"
HELP_DEMO_PORT = "cổng web / web port (mặc định / default: 8080)"
HELP_DEMO_HOST = "địa chỉ lắng nghe / listen address (127.0.0.1)"
HELP_DEMO_DB = "tệp SQLite demo / demo file ({path})"
HELP_DB = "nâng cấp, hạ cấp CSDL / database migrations"
HELP_DB_ACTION = "upgrade: lên bản mới nhất; downgrade: lùi một bản; current: bản đang dùng"
HELP_DB_REVISION = "bản đích / target revision (mặc định: head khi upgrade, -1 khi downgrade)"
HELP_ADMIN = "cấp, thu hồi vai trò / roles (có ghi nhật ký)"
HELP_GRANT = "cấp vai trò cho một tài khoản / give an account a role"
HELP_ROLE = "thành viên, điều phối viên hoặc quản trị viên / the role"
HELP_SCOPE_CATALOG = "danh mục của mã đơn vị / the code's catalog (mặc định: units.catalog)"
HELP_SCOPE_CODE = "mã huyện hoặc xã của điều phối viên; bỏ trống = toàn tỉnh / district or commune"
HELP_REVOKE = "thu hồi vai trò, trở về thành viên / take a role back"
HELP_UNITS = "danh mục đơn vị hành chính / unit catalogs"
HELP_UNITS_MIGRATE = "chuyển thành viên, tổ sang danh mục mới / move to another catalog"
HELP_UNITS_TO = "danh mục đích / target"
HELP_UNITS_DRY_RUN = "chỉ báo cáo, không ghi / report only"
HELP_BROADCAST_FILE = "tệp TOML của thông báo (mẫu: examples/thongbao.toml) / the notice file"
HELP_BROADCAST_DRY_RUN = "chỉ xem trước, không gửi / preview only"

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
