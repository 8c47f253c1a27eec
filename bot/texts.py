"""Every sentence the bot says that does not come from the knowledge base, in one place (Vietnamese)."""

FALLBACK = (
    "Xin lỗi, tôi chưa có câu trả lời chắc chắn cho câu hỏi này, nên không muốn trả lời sai. Bạn có thể:\n"
    "1. Gọi tổng đài Cổng Dịch vụ công quốc gia 1800 1096 (về dịch vụ công trực tuyến).\n"
    "2. Gọi 1900 0368 của Bộ Công an (về VNeID, định danh điện tử, căn cước, dữ liệu dân cư).\n"
    "3. Liên hệ {contact}.\n"
    "Gõ «menu» để xem các chủ đề tôi có thể giúp."
)
FALLBACK_SUGGEST = "Có thể bạn muốn hỏi một trong các nội dung dưới đây:"
EMPTY = "Bạn chưa nhập nội dung. Hãy gõ câu hỏi, ví dụ: «đăng ký tạm trú online», hoặc gõ «menu» để xem các chủ đề."
NO_WORDS = (
    "Tôi chưa hiểu tin nhắn này. Bạn hãy gõ câu hỏi bằng chữ, ví dụ: «làm định danh mức 2 ở đâu», "
    "hoặc gõ «menu» để xem các chủ đề."
)
TOO_LONG = (
    "Tin nhắn của bạn dài quá ({length} ký tự). Bạn hãy hỏi ngắn gọn trong một, hai câu (dưới {limit} ký tự), "
    "ví dụ: «quên mật khẩu VNeID phải làm sao»."
)
NON_TEXT = (
    "Cảm ơn bạn! Hiện tôi chỉ đọc được tin nhắn chữ, chưa xem được hình ảnh, nhãn dán, âm thanh hay tệp. "
    "Bạn hãy gõ câu hỏi, ví dụ: «đăng ký tạm trú online», hoặc gõ «menu»."
)
UNKNOWN_COMMAND = "Tôi không có lệnh {command}. Gõ /help để xem các lệnh dùng được, hoặc bạn cứ gõ câu hỏi."
MENU = "Tôi có thể giúp bạn về các chủ đề sau. Bạn chọn một nhóm, hoặc gõ câu hỏi của mình:"
GROUP = "Nhóm «{group}». Bạn chọn nội dung cần xem:"
CLOSE_ALTERNATIVE = "Nếu bạn muốn hỏi một nội dung gần giống, hãy chọn ở nút đầu tiên bên dưới."
SOURCE_LINE = "Nguồn: {source} · Cập nhật: {reviewed}"
FEEDBACK_YES = "👍 Hữu ích"
FEEDBACK_NO = "👎 Chưa đúng"
FEEDBACK_THANKS_YES = "Cảm ơn bạn đã phản hồi!"
FEEDBACK_THANKS_NO = (
    "Cảm ơn bạn! Tôi đã ghi nhận để Tổ công tác bổ sung câu trả lời. Nếu cần gấp, bạn gọi 1900 0368 (VNeID, "
    "căn cước) hoặc 1800 1096 (dịch vụ công)."
)
STALE_BUTTON = "Nút này đã cũ. Bạn gõ «menu» để xem lại các chủ đề nhé."
MENU_BUTTON = "📋 Các chủ đề"
ERROR = "Xin lỗi, tôi đang gặp sự cố khi xử lý tin nhắn này. Bạn thử lại sau ít phút, hoặc gọi 1900 0368 nhé."

# -- team members and leaders -----------------------------------------------------------------------------------
TEAM_ONLY = (
    "Lệnh này chỉ dành cho thành viên Tổ công tác 06. Nếu bạn là thành viên, hãy nhập mã mời mà tổ trưởng gửi "
    "cho bạn: /join MÃ_MỜI. Nếu bạn cần hỏi về thủ tục, cứ gõ câu hỏi nhé."
)
LEADERS_ONLY = "Lệnh này chỉ dành cho tổ trưởng, tổ phó Tổ công tác 06 xã."
VILLAGE_ONLY = "Chức năng này dành cho thành viên tổ công tác thôn; tài khoản của bạn chưa gắn với thôn nào."
JOIN_USAGE = "Bạn hãy gửi mã mời theo dạng: /join MÃ_MỜI (ví dụ /join K7M2QX9A)."
JOIN_BAD = "Mã mời không đúng. Bạn kiểm tra lại từng ký tự (mã gồm 8 chữ và số) rồi gửi lại."
JOIN_USED = "Mã mời này đã được dùng. Bạn hãy xin tổ trưởng một mã mới."
JOIN_EXPIRED = "Mã mời này đã hết hạn. Bạn hãy xin tổ trưởng một mã mới."
JOIN_SLOW_DOWN = "Bạn đã nhập sai mã quá nhiều lần. Hãy thử lại sau {minutes} phút."
JOIN_OK = "Chào {name}! Bạn đã tham gia {team} với vai trò {role}{village}. Gõ /help để xem các lệnh của tổ."
ALREADY_MEMBER = "Tài khoản này đã là thành viên ({name}, {role}{village}). Bạn không cần nhập mã mời nữa."
ROLE_NAMES = {"leader": "tổ trưởng", "deputy": "tổ phó", "member": "thành viên"}
TEAM_HELP = (
    "Lệnh của Tổ công tác 06:\n"
    "• /baocao (hoặc gõ «báo cáo»): nộp số liệu kỳ này, từng chỉ tiêu một.\n"
    "• Gửi nhanh một tin: «cccd 12, mức 2 30, dvc 5».\n"
    "• /suabaocao: sửa số liệu đã gửi (khi kỳ chưa khóa).\n"
    "• /viec (hoặc «việc của tôi»): các việc được giao; /xong MÃ_VIỆC ghi chú: báo đã xong.\n"
    "• /huy: dừng việc đang nhập."
)
LEADER_HELP = (
    "\nLệnh của tổ trưởng, tổ phó:\n"
    "• /tonghop [tháng]: thôn đã/chưa báo cáo, tổng số và tiến độ.\n"
    "• /xuat [tháng]: tệp Excel tổng hợp.\n"
    "• /khoa [tháng], /mokhoa [tháng]: khóa hoặc mở khóa số liệu.\n"
    "• /moi MÃ_THÔN: mã mời thành viên thôn; /moi xa tổ phó (hoặc tổ trưởng): mã mời cho xã.\n"
    "• /thongbao nội dung: gửi thông báo tới người dân đã đăng ký nhận.\n"
    "• /giaoviec MÃ_THÔN|all dd/mm/yyyy nội dung: giao việc."
)
CANCELLED = "Đã dừng."
REPORT_CANCELLED = "Đã dừng. Số liệu chưa xác nhận không được lưu."
NOTHING_TO_CANCEL = "Không có việc gì đang dở."
REPORT_ASK = "{n}/{total}. {label}{unit}, {period}.{last}\nBạn nhập một số, ví dụ 12 hoặc 1.200."
REPORT_LAST = " Kỳ trước: {value}."
REPORT_OUT_OF_RANGE = "«{label}»: số {value} nằm ngoài khoảng cho phép ({low}–{high}). Bạn nhập lại nhé."
REPORT_JUMP = "«{label}»: số {value} cao hơn nhiều so với kỳ trước ({last}). Bạn chắc chắn là {value} chứ?"
REPORT_NOT_OPTIONAL = "Chỉ tiêu này bắt buộc, không bỏ qua được. Bạn nhập một số (nếu không có thì nhập 0)."
REPORT_AT_START = "Đây là chỉ tiêu đầu tiên rồi."
REPORT_SUMMARY = "Số liệu {period} của {village}:\n{lines}\n\nBạn kiểm tra lại rồi bấm «Xác nhận» để gửi."
REPORT_SKIPPED = "bỏ qua"
REPORT_SAVED = "Đã lưu báo cáo {period} của {village} lúc {time}. Cảm ơn bạn!"
REPORT_UPDATED = "Đã cập nhật báo cáo {period} của {village} (lần sửa thứ {version}) lúc {time}."
REPORT_ALREADY_SAVED = "Báo cáo {period} của {village} đã được lưu rồi, không cần xác nhận lại."
REPORT_EXISTS = (
    "{village} đã gửi báo cáo {period} lúc {time}. Nếu cần sửa, gõ «sửa báo cáo» hoặc /suabaocao."
)
REPORT_NONE_TO_EDIT = "{village} chưa có báo cáo {period} để sửa. Gõ «báo cáo» để nộp."
REPORT_LOCKED = "Số liệu {period} đã được khóa, không sửa được nữa. Bạn liên hệ tổ trưởng nếu cần điều chỉnh."
REPORT_CHOOSE_EDIT = "Bạn muốn sửa chỉ tiêu nào?"
REPORT_QUICK_PARTIAL = "Đã nhận: {got}. Còn thiếu các chỉ tiêu bắt buộc, tôi hỏi tiếp nhé."
REPORT_IN_PROGRESS = "Bạn đang nhập báo cáo {period}. Hãy trả lời câu hỏi trên, hoặc gõ /huy để dừng."
BUTTON_CONFIRM = "✅ Xác nhận"
BUTTON_EDIT = "✏️ Sửa"
BUTTON_CANCEL = "✖️ Hủy"
BUTTON_SKIP = "Bỏ qua"
BUTTON_BACK = "Quay lại"
BUTTON_YES = "Đúng, giữ số này"
BUTTON_REDO = "Nhập lại"
TASKS_NONE = "Hiện {village} không có việc nào đang mở."
TASKS_HEADER = "Việc của {village}:"
TASK_LINE = "• [{id}] {title} — hạn {due}{product}{state}"
TASK_DONE_STATE = " ✅ đã xong"
TASK_OVERDUE_STATE = " ⚠️ quá hạn"
TASK_DONE_BUTTON = "Xong: {id}"
TASK_ASK_NOTE = "Bạn ghi chú ngắn kết quả việc «{title}» (hoặc gõ «không» nếu không có ghi chú):"
TASK_DONE = "Đã ghi nhận {village} hoàn thành việc «{title}». Cảm ơn bạn!"
TASK_ALREADY_DONE = "Việc «{title}» của {village} đã được đánh dấu xong trước đó."
TASK_UNKNOWN = "Không tìm thấy việc có mã «{id}». Gõ «việc của tôi» để xem các việc và mã."
TASK_USAGE = "Cách dùng: /xong MÃ_VIỆC ghi chú (ví dụ: /xong ra_soat_danh_sach đã gửi danh sách)."
PERIOD_BAD = "Tôi chưa hiểu kỳ «{text}». Bạn ghi tháng theo dạng 11/2026 (hoặc tuần theo dạng «tuần 49»)."
LOCKED_OK = "Đã khóa số liệu {period}. Thành viên không sửa được nữa."
LOCKED_ALREADY = "Số liệu {period} đã được khóa trước đó."
UNLOCKED_OK = "Đã mở khóa số liệu {period}."
UNLOCKED_NOT = "Số liệu {period} đang không bị khóa."
INVITE_USAGE = (
    "Cách dùng: /moi MÃ_THÔN để mời thành viên thôn, hoặc /moi xa tổ phó (tổ trưởng) để mời lãnh đạo tổ xã. "
    "Mã thôn: {villages}."
)
INVITE_OK = (
    "Mã mời cho {role} {village}: {code}\nHiệu lực đến {expires}, dùng được một lần. Người được mời gửi "
    "«/join {code}» cho Trợ lý 06{link}."
)
INVITE_LINK = ", hoặc mở liên kết https://t.me/{bot}?start=join_{code}"
INVITE_FOR_COMMUNE = "xã"
ALL_VILLAGES = "tất cả các thôn"
TASK_PRODUCT = " — sản phẩm: {product}"
REPORT_NOW_BUTTON = "Báo cáo ngay"

ASSIGN_USAGE = "Cách dùng: /giaoviec MÃ_THÔN|all dd/mm/yyyy nội dung. Mã thôn: {villages}."
ASSIGN_OK = "Đã giao việc [{id}] «{title}» cho {villages}, hạn {due}."
EXPORT_CAPTION = "Bảng tổng hợp số liệu {period}."
CHART_CAPTION = "Biểu đồ số liệu {period}."

# -- reminders, escalations, broadcasts -------------------------------------------------------------------------
REMIND_BEFORE = (
    "Nhắc việc: {village} cần gửi số liệu {period} trước {deadline} (còn {days} ngày). "
    "Gõ «báo cáo» để nộp, hoặc gửi nhanh một tin như «cccd 12, mức 2 30, dvc 5»."
)
REMIND_TODAY = "Hôm nay là hạn gửi số liệu {period} (trước {time}). {village} chưa gửi: gõ «báo cáo» để nộp ngay."
REMIND_LATE = "{village} đã quá hạn gửi số liệu {period} (hạn {deadline}). Bạn gửi ngay nhé: gõ «báo cáo»."
REMIND_TASK = "Nhắc việc «{title}» của {village}, hạn {due}. Làm xong thì gõ: /xong {id} ghi chú kết quả."
ESCALATE = "Đã quá hạn gửi số liệu {period}, còn {n} thôn chưa báo cáo: {villages}."
SUBSCRIBED = (
    "Bạn đã đăng ký nhận thông báo của {commune}. Muốn dừng lúc nào cũng được: gõ /huytheodoi."
)
SUBSCRIBE_NOT_HERE = (
    "Kênh này chưa gửi được thông báo đến bạn. Bạn hãy nhắn /theodoi cho Trợ lý 06 trên Telegram hoặc Zalo để nhận "
    "thông báo của {commune}."
)
ALREADY_SUBSCRIBED = "Bạn đã đăng ký nhận thông báo rồi. Muốn dừng: gõ /huytheodoi."
UNSUBSCRIBED = "Bạn đã dừng nhận thông báo của {commune}. Muốn nhận lại: gõ /theodoi."
NOT_SUBSCRIBED = "Bạn chưa đăng ký nhận thông báo. Muốn nhận: gõ /theodoi."
SUBSCRIBE_BUTTON = "🔔 Nhận thông báo của xã"
BROADCAST_USAGE = "Cách dùng: /thongbao nội dung thông báo (gửi tới mọi người đã đăng ký nhận thông báo)."
BROADCAST_PREVIEW = "Thông báo sẽ gửi tới {n} người đã đăng ký:\n\n{text}\n\nBấm «Gửi» để gửi đi."
BROADCAST_QUEUED = "Đang gửi thông báo #{id} tới {n} người. Tôi sẽ báo khi gửi xong."
BROADCAST_DONE = "Thông báo #{id} đã gửi xong: {sent}/{total} người nhận được{failed}."
BROADCAST_PROGRESS = "Thông báo #{id}: đã gửi {sent}/{total} người, đang gửi tiếp."
BROADCAST_FAILED = ", {failed} người chưa gửi được"
BROADCAST_SEND = "📣 Gửi"
BROADCAST_PREFIX = "📣 Thông báo của {organisation}:\n\n{text}"

# Local offices (config.yaml `offices`), used by bot/offices.py to fill answer placeholders.
OFFICE_DEFAULT_POLICE = "Công an xã nơi bạn cư trú"
OFFICE_DEFAULT_CENTRE = "Trung tâm phục vụ hành chính công (bộ phận một cửa) của xã"
OFFICE_ADDRESS = "- Địa chỉ: {}"
OFFICE_HOURS = "- Giờ làm việc: {}"
OFFICE_PHONE = "- Điện thoại: {}"
OFFICE_MAP = "- Bản đồ: {}"
OFFICE_UNKNOWN = "chưa có trong dữ liệu của Trợ lý; bạn hỏi {contact} nhé"
MORE_BUTTON = "Xem thêm ▶"
BACK_TO_GROUP = "↩ {group}"
