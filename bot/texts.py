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
UNKNOWN_COMMAND = "Tôi không có lệnh {command}. Các lệnh dùng được: /menu, /help, /hotline. Hoặc bạn cứ gõ câu hỏi."
MENU = "Tôi có thể giúp bạn về các chủ đề sau. Bạn chọn một nhóm, hoặc gõ câu hỏi của mình:"
GROUP = "Nhóm «{group}». Bạn chọn nội dung cần xem:"
CLOSE_ALTERNATIVE = "Nếu bạn muốn hỏi về «{title}», hãy chọn ở nút bên dưới."
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
CHOICE_HINT = "Gõ số để chọn:"
ERROR = "Xin lỗi, tôi đang gặp sự cố khi xử lý tin nhắn này. Bạn thử lại sau ít phút, hoặc gọi 1900 0368 nhé."
