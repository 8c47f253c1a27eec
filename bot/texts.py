"""Every sentence the bot says that does not come from the knowledge base, in one place (Vietnamese)."""

FALLBACK = (
    "Xin lỗi, tôi chưa có câu trả lời chắc chắn cho câu hỏi này, nên không muốn trả lời sai. Bạn có thể:\n"
    "1. Gọi tổng đài Cổng Dịch vụ công quốc gia 1800 1096 (về dịch vụ công trực tuyến).\n"
    "2. Gọi 1900 0368 của Bộ Công an (về VNeID, định danh điện tử, căn cước, dữ liệu dân cư).\n"
    "3. Liên hệ {contact}.\n"
    "Gõ «menu» để xem các chủ đề tôi có thể giúp."
)
FALLBACK_SUGGEST = "Có thể bạn muốn hỏi một trong các nội dung dưới đây:"

# -- citizens: the three kinds of "no", clarifying questions, direct answers, follow-ups --------------------------
OUT_OF_SCOPE = (
    "Câu này nằm ngoài phạm vi Trợ lý 06, nên tôi không trả lời để tránh hướng dẫn sai. Tôi chỉ hỗ trợ về tài "
    "khoản định danh điện tử VNeID, thẻ căn cước, cư trú và lưu trú, và 25 dịch vụ công thiết yếu trực tuyến.\n"
    "{where}\nGõ «menu» để xem các chủ đề tôi có thể giúp."
)
# Where such questions usually go, by the domain detected (nlu/out_of_scope.yaml); careful, general wording only.
OUT_OF_SCOPE_WHERE = {
    "court": "Việc ly hôn, thừa kế, tranh chấp, khởi kiện do Tòa án nhân dân giải quyết; bạn có thể hỏi luật sư "
             "hoặc Trung tâm trợ giúp pháp lý của tỉnh để được tư vấn.",
    "land": "Việc đất đai, sổ đỏ, xây dựng thường do bộ phận một cửa của UBND xã, phường nơi có đất hoặc Văn phòng "
            "đăng ký đất đai hướng dẫn; công chứng hợp đồng làm tại tổ chức hành nghề công chứng.",
    "notary": "Việc công chứng hợp đồng, giao dịch (mua bán, tặng cho nhà đất, ủy quyền, di chúc) làm tại tổ chức "
              "hành nghề công chứng (phòng, văn phòng công chứng); chứng thực bản sao, chữ ký thì làm tại UBND xã, "
              "phường hoặc tổ chức hành nghề công chứng.",
    "business": "Việc đăng ký doanh nghiệp, hộ kinh doanh do cơ quan đăng ký kinh doanh hướng dẫn; bạn có thể xem "
                "Cổng thông tin quốc gia về đăng ký doanh nghiệp (dangkykinhdoanh.gov.vn) hoặc hỏi bộ phận một cửa "
                "của xã, phường.",
    "trademark": "Việc nhãn hiệu, bản quyền, sáng chế thuộc lĩnh vực sở hữu trí tuệ; bạn có thể hỏi Cục Sở hữu trí "
                 "tuệ hoặc một tổ chức đại diện sở hữu công nghiệp.",
    "tax": "Việc kê khai, quyết toán, nộp thuế do cơ quan thuế nơi bạn (hoặc doanh nghiệp) nộp thuế hướng dẫn.",
    "insurance": "Việc đóng, hưởng bảo hiểm xã hội (hưu trí, tử tuất, thai sản, ốm đau, rút một lần) và quyền lợi "
                 "bảo hiểm y tế do cơ quan Bảo hiểm xã hội nơi bạn tham gia giải quyết; bảo hiểm thương mại thì hỏi "
                 "công ty bảo hiểm.",
    "labour": "Việc hợp đồng lao động, tiền lương, nghỉ việc bạn có thể hỏi công đoàn nơi làm việc hoặc cơ quan quản "
              "lý lao động ở địa phương.",
    "education": "Việc tuyển sinh, điểm thi, học phí, văn bằng do nhà trường hoặc cơ quan quản lý giáo dục ở địa "
                 "phương hướng dẫn.",
    "housing_support": "Việc hỗ trợ nhà ở, thiên tai, hộ nghèo, trợ cấp xã hội do UBND xã, phường nơi bạn cư trú "
                       "xem xét, giải quyết.",
    "banking": "Việc tài khoản, thẻ, vay, chuyển tiền bạn hỏi ngân hàng hoặc ví điện tử của mình (số tổng đài in "
               "trên thẻ hoặc trong ứng dụng). Không đưa mật khẩu, mã OTP cho ai.",
    "digital_signature": "Chữ ký số mua của nhà cung cấp dịch vụ chứng thực (USB token, ký số từ xa) do chính "
                         "nhà cung cấp đó cấp và gia hạn; bạn gọi tổng đài ghi trên hợp đồng. Ký số ngay trên "
                         "VNeID thì tôi hướng dẫn được.",
    "utilities": "Việc tiền điện, mất điện, nước, internet bạn hỏi đơn vị cung cấp dịch vụ (điện lực, công ty cấp "
                 "nước, nhà mạng) ghi trên hóa đơn.",
    "traffic": "Việc học, thi bằng lái, đăng kiểm, xử lý vi phạm giao thông bạn hỏi cơ sở đào tạo, trung tâm đăng "
               "kiểm hoặc cơ quan Cảnh sát giao thông.",
    "weapons": "Việc vũ khí, vật liệu nổ, công cụ hỗ trợ, pháo do cơ quan Công an quản lý; bạn liên hệ Công an "
               "xã, phường nơi cư trú để được hướng dẫn.",
    "immigration": "Việc thị thực, quốc tịch, định cư nước ngoài bạn hỏi cơ quan đại diện (đại sứ quán) của nước đó "
                   "hoặc cơ quan quản lý xuất nhập cảnh.",
    "civil_status": "Việc trích lục, cải chính, thay đổi hộ tịch, nhận cha mẹ con, con nuôi, chứng thực do bộ phận tư "
                    "pháp – hộ tịch của UBND xã, phường hướng dẫn.",
    "military": "Việc đăng ký, khám tuyển, tạm hoãn, gọi nhập ngũ (nghĩa vụ quân sự) do Ban Chỉ huy quân sự cấp xã "
                "nơi bạn cư trú hướng dẫn; việc này khác với khai báo tạm vắng về cư trú.",
    "elections": "Việc bầu cử, danh sách cử tri, thẻ cử tri do Tổ bầu cử và UBND xã, phường nơi bạn thường trú "
                 "hoặc tạm trú thông báo, hướng dẫn.",
    "telecom": "Việc thuê bao, SIM, gói cước, chuyển mạng bạn hỏi nhà mạng mình đang dùng (tổng đài chăm sóc khách "
               "hàng hoặc cửa hàng giao dịch).",
    "consumer": "Việc mua bán hàng hóa, đổi trả, bảo hành bạn liên hệ người bán hoặc sàn thương mại điện tử trước; "
                "không giải quyết được thì hỏi cơ quan quản lý thương mại (Sở Công Thương) ở địa phương.",
    "health": "Việc khám sức khỏe, tiêm chủng, khám chữa bệnh, viện phí bạn hỏi cơ sở y tế (bệnh viện, trạm y tế "
              "xã, phường). Xem sổ sức khỏe điện tử, khám bệnh bằng căn cước hoặc VNeID thì tôi hướng dẫn được.",
    "merit": "Chế độ ưu đãi người có công với cách mạng (người hoạt động kháng chiến, thương binh, liệt sĩ…) bạn nộp "
             "hồ sơ và hỏi tại UBND xã, phường nơi thường trú; Sở Nội vụ tỉnh, thành phố xem xét, quyết định.",
    "ecommerce": "Việc thông báo, đăng ký website hay ứng dụng thương mại điện tử do Bộ Công Thương quản lý (Cổng "
                 "online.gov.vn); bạn hỏi Bộ Công Thương hoặc Sở Công Thương nơi bạn kinh doanh.",
}
OUT_OF_SCOPE_WHERE_DEFAULT = (
    "Với thủ tục hành chính khác, bạn có thể hỏi bộ phận một cửa (Trung tâm phục vụ hành chính công) của xã, "
    "phường, hoặc tổng đài Cổng Dịch vụ công quốc gia 1800 1096."
)
UNSURE = (
    "Tôi chưa chắc bạn hỏi nội dung nào, nên không muốn trả lời sai.{suggest}\n"
    "Hoặc bạn gõ rõ hơn (ví dụ: «lệ phí đăng ký tạm trú»), gọi 1800 1096 (Cổng Dịch vụ công quốc gia), "
    "1900 0368 (Bộ Công an: VNeID, căn cước), hoặc liên hệ {contact}."
)
UNSURE_SUGGEST = " Có phải bạn muốn hỏi một trong các nội dung dưới đây?"
# A fact asked next to another one that the bot does know («mất bao lâu? chi phí bao nhiêu?»)
KIND_NAMES = {"fee": "lệ phí", "time": "thời gian giải quyết", "penalty": "mức phạt", "benefit": "mức hưởng"}
NOT_STATED = ("Về {what}: Trợ lý 06 chưa có thông tin chắc chắn; bạn hỏi nơi tiếp nhận hồ sơ hoặc gọi 1800 1096 "
              "(Cổng Dịch vụ công quốc gia), 1900 0368 (Bộ Công an).")
SMALLTALK = (
    "Tôi là Trợ lý 06, một trợ lý tự động (không phải người thật), trả lời về VNeID, thẻ căn cước, cư trú và "
    "dịch vụ công trực tuyến. Muốn nói chuyện với người: gọi 1900 0368 (Bộ Công an), 1800 1096 (Cổng Dịch vụ công "
    "quốc gia), hoặc liên hệ {contact}.\nGõ «menu» để xem các chủ đề."
)
CLARIFY = {
    "procedure": "Bạn muốn hỏi thủ tục nào? Bạn chọn một mục, hoặc gõ rõ hơn (ví dụ: «đăng ký tạm trú online»).",
    "reissue": "Bạn muốn cấp lại giấy tờ gì? Bạn chọn một mục, hoặc gõ tên giấy tờ.",
    "lost": "Bạn bị mất giấy tờ gì? Bạn chọn một mục, hoặc gõ tên giấy tờ.",
    "card": "Bạn hỏi về thẻ nào? Bạn chọn một mục, hoặc gõ rõ hơn.",
    "account": "Bạn hỏi việc gì về tài khoản VNeID? Bạn chọn một mục, hoặc gõ rõ hơn.",
    "register": "Bạn muốn đăng ký việc gì? Bạn chọn một mục, hoặc gõ rõ hơn (ví dụ: «đăng ký khai sinh»).",
    "residence": "Bạn hỏi về việc cư trú nào? Bạn chọn một mục, hoặc gõ rõ hơn.",
    "online": "Bạn muốn làm dịch vụ công trực tuyến nào? Bạn chọn một mục, hoặc gõ tên thủ tục.",
}
CHOOSE_IN_RANGE = "Bạn chọn từ 1 đến {n} trong danh sách trên (gõ số), hoặc gõ câu hỏi mới, hoặc «menu»."
FULL_GUIDE_BUTTON = "📖 Xem hướng dẫn đầy đủ"
FACET_TOPIC = "({title}) Bấm «Xem hướng dẫn đầy đủ» để xem cách làm."
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
ALSO_ASKED = "Bạn cũng hỏi về «{title}»: bấm nút «{title}» bên dưới."
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
VILLAGE_LEADER_HELP = (
    "\nLệnh của tổ trưởng thôn:\n"
    "• /tonghop [tháng]: tình hình báo cáo của thôn.\n"
    "• /xuat [tháng]: tệp Excel của thôn.\n"
    "• /moi MÃ_THÔN: mã mời thành viên thôn.\n"
    "• /suabaocao: sửa báo cáo của thôn (khi kỳ chưa khóa)."
)
VILLAGE_ONLY = "Chức năng này dành cho thành viên tổ công tác thôn; tài khoản của {you} chưa gắn với thôn nào."
JOIN_USAGE = "Bạn hãy gửi mã mời theo dạng: /join MÃ_MỜI (ví dụ /join K7M2QX9A)."
JOIN_BAD = "Mã mời không đúng. Bạn kiểm tra lại từng ký tự (mã gồm 8 chữ và số) rồi gửi lại."
JOIN_USED = "Mã mời này đã được dùng. Bạn hãy xin tổ trưởng một mã mới."
JOIN_EXPIRED = "Mã mời này đã hết hạn. Bạn hãy xin tổ trưởng một mã mới."
JOIN_SLOW_DOWN = "Bạn đã nhập sai mã quá nhiều lần. Hãy thử lại sau {minutes} phút."
JOIN_OK = "Chào {name}! {You} đã tham gia {team} với vai trò {role}{village}."
JOIN_NEXT_MEMBER = (
    "Kỳ cần báo cáo: {period}, hạn {deadline}.\n"
    "Bấm «📝 Báo cáo ngay» để nhập từng chỉ tiêu, hoặc gửi một tin theo mẫu: «{example}».\n"
    "Gõ /help để xem các lệnh của tổ."
)
JOIN_NEXT_LEADER = "Gõ /tonghop để xem tình hình báo cáo của các thôn, /help để xem các lệnh của tổ."
ALREADY_MEMBER = "Tài khoản này đã là thành viên ({name}, {role}{village}). {You} không cần nhập mã mời nữa."
ROLE_NAMES = {"leader": "tổ trưởng", "deputy": "tổ phó", "member": "thành viên", "village_leader": "tổ trưởng thôn"}
TEAM_HELP = (
    "Lệnh của Tổ công tác 06:\n"
    "• /baocao (hoặc gõ «báo cáo»): nộp số liệu kỳ này, từng chỉ tiêu một.\n"
    "• /baocao 11/2026 (hoặc «báo cáo tháng 11»): nộp số liệu của một kỳ cụ thể.\n"
    "• Gửi nhanh một tin: «{example}».\n"
    "• /suabaocao: sửa số liệu đã gửi (khi kỳ chưa khóa).\n"
    "• /viec (hoặc «việc của tôi»): các việc được giao; /xong MÃ_VIỆC ghi chú: báo đã xong.\n"
    "• /huy: dừng việc đang nhập."
)
LEADER_HELP = (
    "\nLệnh của tổ trưởng, tổ phó:\n"
    "• /tonghop [tháng] (hoặc «tổng hợp tháng 10», «thôn nào chưa báo cáo»): thôn đã/chưa báo cáo, tổng số và "
    "tiến độ.\n"
    "• /xuat [tháng] (hoặc «xuất excel»): tệp Excel tổng hợp.\n"
    "• /khoa [tháng], /mokhoa [tháng]: khóa hoặc mở khóa số liệu.\n"
    "• /moi MÃ_THÔN: mã mời thành viên thôn (/moi MÃ_THÔN tổ trưởng: tổ trưởng thôn); /moi xa tổ phó (hoặc tổ "
    "trưởng): mã mời cho xã.\n"
    "• /thongbao nội dung: gửi thông báo tới người dân đã đăng ký nhận (trong tỉnh: «/thongbao Xã A, Xã B: nội "
    "dung» hoặc nút «Chọn xã, phường» để chỉ gửi cho một số xã).\n"
    "• /giaoviec MÃ_THÔN|all dd/mm/yyyy nội dung: giao việc.\n"
    "• «việc của tôi»: nhiệm vụ kế hoạch đơn vị chủ trì; /tiendo MÃ ghi chú: báo tiến độ; /xong MÃ ghi chú: báo xong."
)
CANCELLED = "Đã dừng."
REPORT_CANCELLED = "Đã dừng. Số liệu chưa xác nhận không được lưu."
NOTHING_TO_CANCEL = "Không có việc gì đang dở."
REPORT_ASK = "{n}/{total}. {question}{last}\n{You} nhập một số, ví dụ 12 hoặc 1.200."
REPORT_LAST = " Kỳ trước: {value}."
REPORT_OUT_OF_RANGE = "«{label}»: số {value} nằm ngoài khoảng cho phép ({low}–{high}). {You} nhập lại nhé."
REPORT_JUMP = "«{label}»: số {value} cao hơn nhiều so với kỳ trước ({last}). {You} chắc chắn là {value} chứ?"
REPORT_ABOVE_TARGET = (
    "⚠️ «{label}»: {value} cao hơn nhiều so với chỉ tiêu của thôn ({target} mỗi kỳ). Nếu nhập nhầm, bấm «Sửa» ở "
    "bước cuối."
)
REPORT_NOT_OPTIONAL = "Chỉ tiêu này bắt buộc, không bỏ qua được. {You} nhập một số (nếu không có thì nhập 0)."
REPORT_AT_START = "Đây là chỉ tiêu đầu tiên rồi."
REPORT_SUMMARY = "Số liệu {period} của {village}:\n{lines}\n\n{You} kiểm tra lại rồi bấm «Xác nhận» để gửi."
REPORT_SKIPPED = "bỏ qua"
REPORT_SAVED = "Đã lưu báo cáo {period} của {village} lúc {time}. Cảm ơn {you}!"
REPORT_UPDATED = "Đã cập nhật báo cáo {period} của {village} (lần sửa thứ {version}) lúc {time}."
REPORT_ALREADY_SAVED = "Báo cáo {period} của {village} đã được lưu rồi, không cần xác nhận lại."
REPORT_EXISTS = (
    "{village} đã gửi báo cáo {period} lúc {time}. Nếu cần sửa, gõ «sửa báo cáo» hoặc /suabaocao."
)
REPORT_NONE_TO_EDIT = "{village} chưa có báo cáo {period} để sửa. Gõ «báo cáo» để nộp."
REPORT_LOCKED = "Số liệu {period} đã được khóa, không sửa được nữa. {You} liên hệ tổ trưởng nếu cần điều chỉnh."
REPORT_CHOOSE_EDIT = "{You} muốn sửa chỉ tiêu nào?"
REPORT_QUICK_PARTIAL = "Đã nhận: {got}. Còn thiếu: {missing}. Tôi hỏi tiếp phần còn thiếu nhé."
REPORT_LATE_NOTE = (
    "{village} chưa gửi số liệu {period} (hạn {deadline} đã qua), mình nhập {period} trước nhé. "
    "Xong kỳ này, gõ «báo cáo» để nộp tiếp {next}."
)
REPORT_OPTIONAL = (
    "{n}/{total}. Các chỉ tiêu không bắt buộc:\n{names}\nNếu có, gửi một tin như «{example}»; không có thì gõ "
    "«bỏ qua»."
)
REPORT_OPTIONAL_HINT = "{You} gửi theo mẫu tên chỉ tiêu và số (ví dụ «lưu trú 3»), hoặc gõ «bỏ qua»."
REPORT_FUTURE = "Chưa đến kỳ báo cáo {period}. Gõ «báo cáo» để nộp kỳ đang cần gửi."
REPORT_OTHER_VILLAGE = "{You} chỉ gửi được số liệu của {village}. {You} kiểm tra lại tên thôn trong tin nhắn nhé."
REPORT_EDIT_NOT_YOURS = (
    "Báo cáo {period} do {name} gửi. Chỉ người đã gửi hoặc tổ trưởng thôn mới sửa được; {you} báo họ sửa nhé."
)
MATES_REPORTED = "{name} đã gửi báo cáo {period} của {village} lúc {time}. Cảm ơn cả tổ!"
MATES_CORRECTED = "{name} đã sửa báo cáo {period} của {village} lúc {time}."
REPORT_IN_PROGRESS = "{You} đang nhập báo cáo {period}. Hãy trả lời câu hỏi trên, hoặc gõ /huy để dừng."
BUTTON_CONFIRM = "✅ Xác nhận"
BUTTON_EDIT = "✏️ Sửa"
BUTTON_CANCEL = "✖️ Hủy"
BUTTON_SKIP = "Bỏ qua"
BUTTON_SKIP_ALL = "Bỏ qua các chỉ tiêu này"
BUTTON_BACK = "Quay lại"
BUTTON_YES = "Đúng, giữ số này"
BUTTON_REDO = "Nhập lại"
TASKS_NONE = "Hiện {village} không có việc nào đang mở."
TASKS_HEADER = "Việc của {village}:"
TASK_LINE = "• [{id}] {title} — hạn {due}{product}{state}"
TASK_DONE_STATE = " ✅ đã xong"
TASK_OVERDUE_STATE = " ⚠️ quá hạn"
TASK_DONE_BUTTON = "Xong: {id}"
TASK_ASK_NOTE = "{You} ghi chú ngắn kết quả việc «{title}» (hoặc gõ «không» nếu không có ghi chú):"
TASK_DONE = "Đã ghi nhận {village} hoàn thành việc «{title}». Cảm ơn {you}!"
TASK_ALREADY_DONE = "Việc «{title}» của {village} đã được đánh dấu xong trước đó."
TASK_UNKNOWN = "Không tìm thấy việc có mã «{id}». Gõ «việc của tôi» để xem các việc và mã."
TASK_USAGE = "Cách dùng: /xong MÃ_VIỆC ghi chú (ví dụ: /xong ra_soat_danh_sach đã gửi danh sách)."
PERIOD_BAD = "Tôi chưa hiểu kỳ «{text}». {You} ghi tháng theo dạng 11/2026 (hoặc tuần theo dạng «tuần 49»)."
LOCKED_OK = "Đã khóa số liệu {period}. Thành viên không sửa được nữa, các thôn không còn được nhắc kỳ này."
LOCK_ASK = "Khóa số liệu {period}? Sau khi khóa, thành viên không gửi hay sửa được nữa.{warnings}"
LOCK_MISSING = "Còn {n} thôn chưa báo cáo: {villages}."
LOCK_EARLY = "Chưa đến hạn báo cáo ({deadline})."
BUTTON_LOCK = "🔒 Khóa"
LOCKED_ALREADY = "Số liệu {period} đã được khóa trước đó."
UNLOCKED_OK = "Đã mở khóa số liệu {period}."
UNLOCKED_NOT = "Số liệu {period} đang không bị khóa."
INVITE_USAGE = (
    "Cách dùng: /moi MÃ_THÔN để mời thành viên thôn, hoặc /moi xa tổ phó (tổ trưởng) để mời lãnh đạo tổ xã. "
    "Mã thôn: {villages}."
)
INVITE_OK = (
    "Mã mời cho {role} {village}{name}: {code}\nHiệu lực đến {expires}, dùng được một lần. Người được mời gửi "
    "«/join {code}» cho Trợ lý 06{link}."
)
INVITE_CHOOSE = "Danh sách tổ của {village} có những người chưa tham gia. {You} mời ai?"
INVITE_PERSON_BUTTON = "Mời: {name}"
INVITE_NEW_BUTTON = "➕ Người mới (chưa có trong danh sách)"
INVITE_OWN_VILLAGE = "Tổ trưởng thôn chỉ mời được thành viên của {village}: /moi MÃ_THÔN."
INVITE_LINK = ", hoặc mở liên kết https://t.me/{bot}?start=join_{code}"
INVITE_FOR_COMMUNE = "xã"
ALL_VILLAGES = "tất cả các thôn"
TASK_PRODUCT = " — sản phẩm: {product}"
REPORT_NOW_BUTTON = "📝 Báo cáo ngay"

ASSIGN_USAGE = "Cách dùng: /giaoviec MÃ_THÔN|all dd/mm/yyyy nội dung. Mã thôn: {villages}."
ASSIGN_OK = "Đã giao việc [{id}] «{title}» cho {villages}, hạn {due}."
EXPORT_CAPTION = "Bảng tổng hợp số liệu {period}."
CHART_CAPTION = "Biểu đồ số liệu {period}."

# -- reminders, escalations, broadcasts -------------------------------------------------------------------------
REMIND_BEFORE = (
    "Nhắc việc: {village} cần gửi số liệu {period} trước {deadline} (còn {days} ngày). "
    "Gõ «báo cáo» để nộp, hoặc gửi nhanh một tin như «{example}»."
)
REMIND_TODAY = "Hôm nay là hạn gửi số liệu {period} (trước {time}). {village} chưa gửi: gõ «báo cáo» để nộp ngay."
REMIND_LATE = "{village} đã quá hạn gửi số liệu {period} (hạn {deadline}). {You} gửi ngay nhé: gõ «báo cáo»."
REMIND_TASK = "Nhắc việc «{title}» của {village}, hạn {due}. Làm xong thì gõ: /xong {id} ghi chú kết quả."
ESCALATE = "Đã quá hạn gửi số liệu {period}, còn {n} thôn chưa báo cáo: {villages}."
HEADS_UP = "Ngày mai ({deadline}) là hạn gửi số liệu {period}; còn {n} thôn chưa báo cáo: {villages}."
DIGEST_CALL = "Cần liên hệ: {village} — {people}"
DIGEST_UNLINKED = "⚠️ Chưa ai tham gia Trợ lý 06, nhắc việc không đến được: {villages}"
BUTTON_NUDGE = "🔔 Nhắc lại các thôn"
NUDGE = "Tổ trưởng nhắc: {village} chưa gửi số liệu {period} (hạn {deadline}). {You} gửi ngay nhé: gõ «báo cáo»."
NUDGE_QUEUED = "Đã nhắc lại {n} người ở các thôn chưa báo cáo {period}."
NUDGE_NONE = "Các thôn đều đã báo cáo {period}, không cần nhắc."

# -- roster import (command line) -------------------------------------------------------------------------------
ROSTER_FILE_TYPE = "{file}: chỉ nhận tệp .csv hoặc .xlsx."
ROSTER_NOT_FOUND = "{file}: không tìm thấy tệp."
ROSTER_EMPTY = "{file}: tệp trống."
ROSTER_COLUMNS = "{file}: dòng 1 thiếu cột; cần các cột Họ tên, Vai trò, Thôn (và Điện thoại nếu có)."
ROSTER_ROW = "dòng {row}: {problem}"
ROSTER_REFUSED = "{file}: {n} dòng chưa đúng, chưa nhập ai. Sửa rồi nhập lại:\n{rows}"
ROSTER_NO_NAME = "thiếu họ tên"
ROSTER_BAD_ROLE = "không nhận ra vai trò «{role}» (ghi Tổ trưởng, Tổ phó hoặc Thành viên)"
ROSTER_BAD_VILLAGE = "không có thôn «{village}» (các thôn: {known})"
ROSTER_NEEDS_VILLAGE = "«{role}» cần ghi thôn"
ROSTER_AMBIGUOUS = (
    "«{role}» thuộc tổ của xã nhưng lại ghi thôn «{village}»: để trống cột Thôn nếu là lãnh đạo tổ xã, hoặc ghi "
    "«Tổ trưởng thôn» / «Thành viên»"
)
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
BROADCAST_PREVIEW_ALL = (
    "Thông báo sẽ gửi tới {n} người đã đăng ký trong toàn tỉnh:\n\n{text}\n\nBấm «Gửi» để gửi đi, hoặc «Chọn xã, "
    "phường» để chỉ gửi cho một số xã, phường."
)
BROADCAST_PREVIEW_SCOPED = "Thông báo sẽ gửi tới {n} người đã đăng ký{where}:\n\n{text}\n\nBấm «Gửi» để gửi đi."
BROADCAST_WHERE = " của {communes}"
BROADCAST_PICK = "🏘 Chọn xã, phường"
BROADCAST_ALL = "📣 Toàn tỉnh"
BROADCAST_CHOOSE = (
    "Chọn xã, phường nhận thông báo (trang {page}/{pages}); bấm lại để bỏ chọn. Đã chọn: {chosen} — {n} người "
    "đã đăng ký. Xong thì bấm «Gửi»."
)
BROADCAST_NONE_CHOSEN = "Chưa chọn xã, phường nào. Bấm tên xã, phường để chọn, hoặc «Toàn tỉnh»."
BROADCAST_OWN_COMMUNE = "Đồng chí chỉ gửi được thông báo tới người dân đã đăng ký của {commune}."
NONE_YET = "chưa có"
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

# -- personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, in force since 01/01/2026) ---------------------------
PRIVACY_SHORT = (
    "🔒 Tôi lưu câu hỏi của bạn (đã che số điện thoại, số giấy tờ, số tài khoản, email) trong {days} ngày để "
    "trả lời tốt hơn. Chi tiết: /quyenriengtu · Xóa dữ liệu của bạn: /xoadulieu"
)
PRIVACY_FULL = (
    "🔒 Dữ liệu của bạn (theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15)\n"
    "• Tôi lưu: câu hỏi bạn gửi, sau khi đã che số điện thoại, số căn cước/CMND, số tài khoản và email; chủ đề "
    "tôi đã trả lời; đánh giá 👍/👎 của bạn. Câu hỏi gắn với một mã ẩn danh, không kèm tên của bạn.\n"
    "• Để làm gì: để {team} biết người dân hay hỏi gì và bổ sung những câu trả lời còn thiếu.\n"
    "• Bao lâu: {days} ngày, sau đó tự động xóa. Các lựa chọn vừa hiện cho bạn cũng chỉ giữ trong {days} ngày.\n"
    "• Nếu bạn đăng ký nhận thông báo (/theodoi), tôi giữ mã tài khoản chat của bạn để gửi tin cho đến khi bạn "
    "hủy (/huytheodoi).\n"
    "• Nếu trợ lý phục vụ nhiều xã, phường, tôi giữ tên xã/phường bạn chọn để trả lời đúng nơi bạn ở (đổi: /xa).\n"
    "• {team} không chia sẻ dữ liệu này cho ai khác. Tin nhắn đi qua nền tảng bạn đang dùng (Telegram, Zalo) "
    "theo chính sách của nền tảng đó.\n"
    "• Bạn có quyền biết, xem và xóa dữ liệu của mình bất cứ lúc nào: gõ /xoadulieu.\n"
    "• Đừng gửi số căn cước, mật khẩu hay mã OTP qua tin nhắn: tôi không cần chúng để trả lời.\n"
    "Thắc mắc về dữ liệu cá nhân: liên hệ {contact}."
)
FORGET_SUMMARY = (
    "Tôi đang lưu về bạn: {questions} câu hỏi (đã che số cá nhân), {feedback} đánh giá 👍/👎, {subscribed}{tickets}."
    "{recent}\nBạn có muốn xóa hết không? Việc xóa không hoàn tác được."
)
FORGET_RECENT = "\nCâu hỏi gần đây: {questions}"
FORGET_NOTHING = "Tôi không lưu dữ liệu nào về bạn. Xem /quyenriengtu để biết tôi lưu gì và lưu bao lâu."
FORGET_SUBSCRIBED = "đăng ký nhận thông báo"
FORGET_NOT_SUBSCRIBED = "không đăng ký nhận thông báo"
FORGET_TICKETS = ", {tickets} yêu cầu hỗ trợ"
FORGET_TEAM_NOTE = (
    "\nSố liệu báo cáo bạn đã gửi cho Tổ công tác là hồ sơ công việc, không bị xóa bằng lệnh này."
)
FORGET_YES = "🗑 Xóa dữ liệu của tôi"
FORGET_NO = "Không xóa"
FORGET_DONE = (
    "Đã xóa: {questions} câu hỏi cùng đánh giá, {subscriptions} đăng ký nhận thông báo, trạng thái trò chuyện"
    "{tickets}. Từ giờ tôi không còn lưu gì về bạn, trừ những câu hỏi mới bạn gửi sau đây."
)
FORGET_DONE_TICKETS = ", {tickets} yêu cầu hỗ trợ"
FORGET_KEPT = "Tôi không xóa gì cả. Dữ liệu của bạn vẫn tự xóa sau {days} ngày."
CLI_DB_UNAVAILABLE = (
    "Không ghi được cơ sở dữ liệu sau {attempts} lần thử ({error}) / the database could not be written: "
    "wait for the other process to finish or free disk space, then run the command again "
    "(`python -m bot doctor` checks it)"
)

# -- «Hỏi cán bộ»: a citizen's question passed to a person on the commune team ------------------------------------
HANDOFF_BUTTON = "🙋 Hỏi cán bộ xã"
HANDOFF_ASK = (
    "Bạn muốn hỏi trực tiếp cán bộ Tổ công tác 06. Bạn hãy nhắn câu hỏi trong một tin nhắn (đừng gửi số căn cước "
    "hay mật khẩu), tôi sẽ chuyển cho cán bộ trực. Gõ «hủy» nếu không muốn gửi nữa."
)
HANDOFF_OFFER_LAST = "Bạn muốn gửi cho cán bộ câu hỏi vừa rồi:\n«{question}»\nhay viết một câu hỏi khác?"
HANDOFF_SEND_LAST = "Gửi câu hỏi này"
HANDOFF_WRITE_NEW = "Viết câu hỏi khác"
HANDOFF_CONFIRM = "Tôi sẽ gửi cho cán bộ câu hỏi sau:\n«{question}»\nBạn xác nhận gửi nhé?"
HANDOFF_SEND = "✅ Gửi cán bộ"
HANDOFF_EDIT = "✏️ Viết lại"
HANDOFF_CANCEL = "Hủy"
HANDOFF_PICK = "Bạn gõ một số từ 1 đến {n} để chọn, hoặc «hủy» để thôi."
HANDOFF_CANCELLED = "Đã hủy, chưa có gì được gửi. Bạn cứ gõ câu hỏi khác nếu cần."
HANDOFF_TOO_SHORT = (
    "Câu hỏi ngắn quá, cán bộ khó trả lời. Bạn nhắn rõ hơn một chút nhé (ví dụ việc bạn cần làm, vướng ở "
    "đâu)."
)
HANDOFF_SENT = (
    "Đã gửi câu hỏi cho cán bộ Tổ công tác 06 (mã phiếu {code}). {wait}\nCâu trả lời sẽ đến ngay trong "
    "cuộc trò chuyện này."
)
HANDOFF_WAIT_OPEN = "Cán bộ trả lời trong giờ hành chính, thường trong ngày làm việc."
HANDOFF_WAIT_CLOSED = "Bây giờ ngoài giờ làm việc; cán bộ sẽ trả lời từ {opening}, thường trong ngày làm việc."
HANDOFF_LIMIT_OPEN = (
    "Bạn đang có {count} câu hỏi chờ cán bộ trả lời (mã {codes}). Bạn chờ cán bộ trả lời các câu đó trước nhé; "
    "nếu cần gấp, gọi {contact}."
)
HANDOFF_LIMIT_DAY = (
    "Hôm nay bạn đã gửi {count} câu hỏi cho cán bộ, đủ số tối đa trong ngày. Bạn gửi tiếp vào ngày mai "
    "nhé."
)
HANDOFF_NOT_HERE = "Kênh này chưa nhận được câu trả lời của cán bộ. Bạn liên hệ {contact} nhé."
HANDOFF_NO_OFFICER = "Hiện chưa có cán bộ nào nhận câu hỏi qua Trợ lý. Bạn liên hệ {contact} nhé."
HANDOFF_ANSWER = "💬 Cán bộ Tổ công tác 06 trả lời câu hỏi của bạn (phiếu {code}):\n{text}"
HANDOFF_CLOSED_BY_TEAM = (
    "Phiếu {code} đã được cán bộ đóng. Nếu còn vướng mắc, bạn bấm «Hỏi cán bộ xã» hoặc liên hệ "
    "{contact}."
)
HANDOFF_HELPFUL = "👍 Đã rõ"
HANDOFF_NOT_HELPFUL = "👎 Chưa rõ"
HANDOFF_MORE = "✍️ Hỏi thêm"
HANDOFF_ADD_ASK = "Bạn nhắn điều muốn hỏi thêm về phiếu {code}, tôi sẽ chuyển cho cán bộ."
HANDOFF_ADDED = "Đã chuyển phần hỏi thêm cho cán bộ (phiếu {code})."
HANDOFF_RATED = "Cảm ơn bạn! Phiếu {code} đã đóng."
HANDOFF_RATED_NO = (
    "Cảm ơn bạn đã cho biết. Phiếu {code} đã đóng; bạn bấm «Hỏi thêm» hoặc gửi câu hỏi mới nếu cần cán bộ "
    "giải thích thêm."
)
HANDOFF_TICKET_GONE = "Phiếu này không còn mở."

# the officers' side
TICKET_NEW = (
    "🙋 Phiếu {code} — người dân {who} ({channel}) hỏi:\n«{question}»\nTrợ lý đã trả lời: {bot_answer}\n"
    "Trả lời: bấm «Trả lời», hoặc trả lời (reply) tin nhắn này, hoặc gõ /traloi {code} nội dung."
)
TICKET_ADDED = "➕ Phiếu {code} — người dân hỏi thêm:\n«{text}»\nTrả lời: /traloi {code} nội dung."
TICKET_BOT_NONE = "chưa tìm được câu trả lời"
TICKET_REPLY = "Trả lời"
TICKET_FORWARD = "Chuyển"
TICKET_CLOSE = "Đóng"
TICKET_TYPE_ANSWER = "Đồng chí nhắn nội dung trả lời phiếu {code} (một tin nhắn); gõ «hủy» để thôi."
TICKET_TAKEN_BY = "Phiếu {code} đã do {name} nhận trả lời."
TICKET_ANSWERED = "Đã gửi câu trả lời phiếu {code} cho người dân."
TICKET_CLOSED = "Đã đóng phiếu {code}."
TICKET_NOT_FOUND = "Không tìm thấy phiếu {code}. Gõ /phieu để xem các phiếu đang mở."
TICKET_USAGE = "Cách dùng: /traloi MÃ_PHIẾU nội dung trả lời, ví dụ: /traloi H-1234 Anh mang căn cước đến Công an xã."
TICKET_FORWARD_CHOOSE = "Chuyển phiếu {code} cho cán bộ nào?"
TICKET_FORWARD_NONE = "Không có cán bộ nào khác để chuyển phiếu."
TICKET_FORWARDED = "Đã chuyển phiếu {code} cho {name}."
TICKET_FORWARDED_TO_YOU = "{name} chuyển cho đồng chí phiếu {code}:\n«{question}»\nTrả lời: /traloi {code} nội dung."
TICKET_LIST_EMPTY = "Không có phiếu nào đang mở."
TICKET_LIST = "Các phiếu đang mở ({count}):\n{lines}"
TICKET_LIST_LINE = "- {code} · {age} · {state}: «{question}»"
TICKET_STATE_OPEN = "chưa ai nhận"
TICKET_STATE_TAKEN = "{name} đang trả lời"
TICKET_ESCALATE = (
    "⏰ Phiếu {code} của người dân chưa được trả lời sau {hours} giờ làm việc:\n«{question}»\n"
    "Đồng chí phân công người trả lời, hoặc trả lời bằng /traloi {code} nội dung."
)
TICKET_UNDELIVERED = (
    "⚠️ Chưa gửi được câu trả lời phiếu {code} cho người dân: {reason}. Người dân cần nhắn lại cho Trợ lý "
    "(hoặc liên hệ trực tiếp) thì mới nhận được."
)
TICKET_UNDELIVERED_WINDOW = "Zalo chỉ cho gửi tin trong thời hạn sau lần nhắn gần nhất của người dân"
OFFICER_HELP = (
    "\nTrả lời người dân («Hỏi cán bộ»):\n"
    "• /phieu: các câu hỏi đang chờ; trả lời (reply) tin nhắn phiếu, bấm «Trả lời», hoặc /traloi MÃ nội dung."
)
TICKET_NOT_OFFICER = "Lệnh này dành cho cán bộ trực trả lời người dân."

# -- a province: the organisation tree (issue #15) ------------------------------------------------------------
UNIT_LEADER_HELP = (
    "\nLệnh của lãnh đạo đơn vị (chỉ trong phạm vi đơn vị mình):\n"
    "• /tonghop [tháng]: tình hình báo cáo của các thôn trong đơn vị.\n"
    "• /xuat [tháng]: tệp Excel của đơn vị.\n"
    "• /guilen [tháng] (hoặc «gửi lên tỉnh»): xem dự thảo báo cáo gửi tỉnh, sửa số liệu của đơn vị, bấm «Gửi lên "
    "tỉnh».\n"
    "• /moi MÃ_THÔN [tổ trưởng]: mã mời thành viên hoặc tổ trưởng thôn; /moi MÃ_ĐƠN_VỊ tổ phó: mã mời lãnh đạo "
    "đơn vị.\n"
    "• /thongbao nội dung: thông báo tới người dân đã đăng ký của xã, phường mình.\n"
    "• «việc của tôi»: nhiệm vụ kế hoạch đơn vị chủ trì; /tiendo MÃ ghi chú: báo tiến độ; /xong MÃ ghi chú: báo xong."
)
INVITE_OWN_UNIT = "Đồng chí chỉ mời được người thuộc {unit}."
ROSTER_BAD_UNIT = "không có đơn vị «{unit}» trong cấu hình"
ROSTER_UNIT_AMBIGUOUS = "có nhiều đơn vị tên «{unit}» ({where}): ghi thêm cột «Xã» hoặc dùng mã đơn vị"
ROSTER_NEEDS_UNIT = "cần ghi đơn vị (xã, sở/ngành hoặc thôn) cho vai trò «{role}»"
ROSTER_BAD_COMMUNE = "không có xã/đơn vị «{commune}» trong cấu hình"

# -- a province: upward reports and the province digest (issue #15) ------------------------------------------
UPWARD_DRAFT = "Dự thảo báo cáo của {unit} gửi tỉnh, {period} (hạn gửi: {deadline}):"
UPWARD_VILLAGES = "Thôn, tổ dân phố đã xác nhận: {done}/{n}"
UPWARD_VILLAGES_MISSING = "Chưa xác nhận: {villages}"
UPWARD_LINE = "• {label}: {total} (các thôn {villages} + của xã {own})"
UPWARD_SENT_BEFORE = "Đơn vị đã gửi tỉnh lần {version}; gửi lại sẽ thay số liệu đã gửi (bản cũ vẫn được lưu)."
UPWARD_SEND_BUTTON = "📤 Gửi lên tỉnh"
UPWARD_EDIT_BUTTON = "✏️ Số liệu của xã"
UPWARD_DRAFT_BUTTON = "📋 Xem dự thảo"
UPWARD_EDIT_ASK = (
    "Đồng chí gửi số liệu của riêng {unit} (không tính các thôn) trong một tin, ví dụ: «{example}». "
    "Gõ «hủy» để dừng."
)
UPWARD_EDIT_BAD = "Chưa đọc được số liệu. Đồng chí gửi theo mẫu: «{example}», hoặc gõ «hủy»."
UPWARD_OUT_OF_RANGE = "{label}: {value} nằm ngoài khoảng cho phép ({minimum}–{maximum}). Đồng chí gửi lại."
UPWARD_SENT = "Đã gửi báo cáo {period} của {unit} lên tỉnh lúc {time} (lần {version})."
UPWARD_ONLY = "Chức năng «Gửi lên tỉnh» dành cho lãnh đạo xã, phường và sở, ngành trong tỉnh."
UPWARD_LOCKED = "Số liệu {period} đã khóa, không gửi hay sửa được nữa."
UPWARD_REMIND = (
    "Nhắc việc: {unit} chưa gửi báo cáo {period} lên tỉnh (hạn {deadline}). Đồng chí gửi /guilen, xem dự thảo "
    "rồi bấm «Gửi lên tỉnh»."
)
UPWARD_ESCALATE = "Quá hạn gửi báo cáo {period} lên tỉnh: còn {n} đơn vị chưa gửi: {units}."
PROVINCE_HEADING = "Tổng hợp báo cáo các đơn vị {period} — {organisation}"
PROVINCE_CONFIRMED = "Đã gửi tỉnh: {done}/{n} xã, phường, sở, ngành"
PROVINCE_MISSING = "Chưa gửi: {units}"
PROVINCE_RANKING = "Xếp hạng (tỷ lệ đạt chỉ tiêu bình quân): {ranking}"
PROVINCE_LAST = "Thấp nhất: {name} {progress}"
PROVINCE_MORE_CALLS = "… và {n} đơn vị khác chưa gửi (xem tệp Excel)."
PROVINCE_EXPORT_CAPTION = "Bảng tổng hợp các đơn vị {period} (trang tổng hợp và một trang cho mỗi xã)."
PROVINCE_CHART_CAPTION = "Biểu đồ tỷ lệ đạt chỉ tiêu của các đơn vị {period}."

# -- a plan's tasks at province scale (bot/team/plan_tasks.py, bot/handlers/plan_tasks.py) ----------------------
PLAN_COLUMNS = (
    "{file}: không tìm thấy dòng tiêu đề; cần các cột «Nội dung, nhiệm vụ», «Đơn vị chủ trì», «Thời gian hoàn "
    "thành» (và «Đơn vị phối hợp», «Kết quả sản phẩm» nếu có)."
)
PLAN_REFUSED = "{file}: {n} dòng chưa đúng, chưa nhập nhiệm vụ nào. Sửa rồi nhập lại:\n{rows}"
PLAN_SKIPPED = "Bỏ qua {n} dòng chưa đúng (--skip-bad):"
PLAN_EMPTY = "{file}: không có nhiệm vụ nào dưới dòng tiêu đề."
PLAN_NO_TASK = "thiếu nội dung nhiệm vụ"
PLAN_NO_LEAD = "thiếu đơn vị chủ trì"
PLAN_BAD_LEAD = "không có đơn vị chủ trì «{unit}» trong cấu hình"
PLAN_LEAD_AMBIGUOUS = "có {n} đơn vị tên «{unit}»: ghi rõ xã hoặc dùng mã đơn vị"
PLAN_NO_DEADLINE = "thiếu thời gian hoàn thành"
PLAN_BAD_DEADLINE = (
    "không hiểu thời hạn «{deadline}» (ghi ngày 15/09/2024, «Tháng 9/2024», «Quý I/2024», «Năm 2024», «Hàng "
    "tháng», «Ngày 22 hàng tháng» hoặc «Thường xuyên»)"
)
PLAN_BAD_CODE = "mã nhiệm vụ «{code}» chỉ gồm chữ không dấu, số và dấu gạch dưới (tối đa 20 ký tự)"
PLAN_CONFLICT = "trùng nội dung và đơn vị chủ trì với dòng {first} nhưng khác thời hạn hoặc sản phẩm"
PLAN_DUPLICATE = "giống hệt dòng {first}, chỉ nhập một lần"
PLAN_SUPPORT_UNKNOWN = "đơn vị phối hợp {units} không có trong cấu hình, giữ nguyên tên (không nhắc việc)"
PLAN_IMPORTED = "{file}: {total} nhiệm vụ — {new} mới, {changed} cập nhật, {same} không đổi."
PTASKS_HEADER = "Nhiệm vụ của {unit} theo kế hoạch:"
PTASK_LINE = "• [{code}] {title} — {when}{product}{state}"
PTASK_DUE = "hạn {due}"
PTASK_MONTH = "hạn {due} (tháng {month})"
PTASK_ONGOING = "thực hiện thường xuyên"
PTASK_STATES = {"overdue": " ⚠️ quá hạn {days} ngày", "done": " ✅ đã xong", "open": "", "ongoing": ""}
PTASK_NOTE_LINE = "\n  Ghi chú: {note}"
PTASKS_HINT = (
    "\nBấm «Xong» khi hoàn thành; báo tiến độ: /tiendo MÃ ghi chú; báo xong kèm ghi chú: /xong MÃ ghi chú."
)
PTASK_DONE_BUTTON = "✅ Xong: {code}"
PTASK_ASK_NOTE = "{You} ghi chú ngắn kết quả nhiệm vụ «{title}» (hoặc gõ «không» nếu không có ghi chú):"
PTASK_DONE = "Đã ghi nhận {unit} hoàn thành nhiệm vụ «{title}»{month}. Cảm ơn {you}!"
PTASK_DONE_MONTH = " (tháng {month})"
PTASK_PROGRESS = "Đã ghi tiến độ nhiệm vụ «{title}» của {unit}: {note}"
PTASK_PROGRESS_USAGE = "Cách dùng: /tiendo MÃ_NHIỆM_VỤ ghi chú tiến độ (ví dụ: /tiendo nv3fa2c1 đã dự thảo xong)."
PTASK_ONGOING_DONE = "Nhiệm vụ «{title}» thực hiện thường xuyên, không đánh dấu xong; {you} báo tiến độ bằng /tiendo."
PTASK_LEADERS_ONLY = "Nhiệm vụ kế hoạch do lãnh đạo đơn vị chủ trì báo tiến độ và báo hoàn thành."
PTASKS_NONE = "Hiện {unit} không có nhiệm vụ nào trong kế hoạch."
PTASK_UNKNOWN = "{unit} không có nhiệm vụ đang mở mã «{code}». Gõ «việc của tôi» để xem các nhiệm vụ và mã."
REMIND_PTASK_BEFORE = (
    "Nhắc nhiệm vụ [{code}] «{title}» của {unit}: hạn {due} (còn {days} ngày){product}. Làm xong {you} bấm «Xong» "
    "hoặc gõ /xong {code} ghi chú."
)
REMIND_PTASK_TODAY = (
    "Hôm nay đến hạn nhiệm vụ [{code}] «{title}» của {unit} ({due}){product}. Xong {you} gõ /xong {code}."
)
REMIND_PTASK_LATE = (
    "Nhiệm vụ [{code}] «{title}» của {unit} đã quá hạn {due}. {You} báo tiến độ (/tiendo {code} …) hoặc báo xong "
    "(/xong {code} …)."
)
PTASK_DIGEST = (
    "📋 Nhiệm vụ kế hoạch: {overdue} quá hạn ({units} đơn vị), {open} đang thực hiện, {ongoing} thường xuyên, "
    "{done} đã xong."
)
PTASK_DIGEST_UNIT = "⚠️ {unit}: {n} quá hạn — {tasks}"
PTASK_DIGEST_TASK = "[{code}] {title} (hạn {due})"
PTASK_DIGEST_MORE = "… và {n} đơn vị khác có nhiệm vụ quá hạn (xem trang «Nhiệm vụ» của tệp Excel)."

# -- reporting cycles, several at once (bot/team/cycles.py) ----------------------------------------------------
CYCLE_WHICH = "{village} đang cần gửi {n} báo cáo. {You} muốn nhập báo cáo nào trước?"
CYCLE_WHICH_LINE = "{n}. {name}: {period} (hạn {deadline})"
CYCLE_NOT_HERE = "{village} không báo cáo theo «{name}». Gõ «báo cáo» để nộp báo cáo đang cần gửi."
CYCLE_ENDED = "{name} đã kết thúc ngày {end}, không còn nhận số liệu."
CYCLE_CUMULATIVE = "Lũy kế {label}: đạt {total}/{target}{unit} ({percent}){left}"
CYCLE_DAYS_LEFT = ", còn {days} ngày (đến {by})"
CYCLE_DUE_TODAY = ", hạn chót hôm nay ({by})"
CYCLE_OVER = ", đã hết hạn {by}"
CYCLE_SHEET_CUMULATIVE = "Lũy kế đến nay"
CYCLE_SHEET_TARGET = "Chỉ tiêu lũy kế"
CYCLES_EXPORT_CAPTION = "Bảng tổng hợp {periods} (mỗi kỳ báo cáo một trang)."
CYCLES_HELP = "\n\nCác báo cáo đang thực hiện:"
CYCLES_HELP_LINE = "\n• {name}: gõ «{words}», hoặc gửi một tin «{example}»"

# A citizen's commune in a province (bot/handlers/commune.py).
COMMUNE_POLICE = "Công an {commune}"
COMMUNE_CENTRE = "Trung tâm phục vụ hành chính công {commune}"
COMMUNE_ASK = "Bạn ở xã/phường nào? Mình cần biết để chỉ đúng trụ sở, giờ làm việc và cán bộ của nơi bạn ở. "
COMMUNE_ASK_BUTTONS = "Bạn bấm chọn bên dưới, hoặc gõ tên xã/phường."
COMMUNE_ASK_TYPE = "Bạn gõ tên xã/phường, có dấu hay không dấu đều được, ví dụ: «{example}»."
COMMUNE_CHOOSE = "Có mấy xã/phường gần giống «{text}». Bạn ở nơi nào?"
COMMUNE_UNKNOWN = (
    "Mình chưa tìm thấy xã/phường «{text}» trong {province}. Bạn gõ lại tên xã/phường (có dấu hay không dấu đều "
    "được), hoặc liên hệ {hotline}; gõ «menu» để quay lại các chủ đề."
)
COMMUNE_SET = (
    "Đã ghi nhận: bạn ở {commune}. Trụ sở, giờ làm việc và cán bộ trả lời bạn sẽ là của {commune}. "
    "Muốn đổi: gõ «đổi xã» hoặc /xa."
)
COMMUNE_FROM_LINK = "Trợ lý trả lời bạn theo {commune}. Nếu bạn ở nơi khác, gõ «đổi xã» hoặc /xa."
COMMUNE_CURRENT = "Trợ lý đang trả lời bạn theo {commune}. Muốn đổi? "
COMMUNE_NONE_YET = "Bạn chưa chọn xã/phường. "
COMMUNE_ONLY_ONE = "Trợ lý này phục vụ {commune}: trụ sở, giờ làm việc và cán bộ đều là của {commune}."
COMMUNE_TEAM = "Thành viên Tổ công tác làm việc theo đơn vị trong danh sách của tổ; lệnh /xa dành cho người dân."
TICKET_OTHER_COMMUNE = "Phiếu {code} thuộc {commune}; cán bộ của đơn vị đó sẽ trả lời."
FORGET_COMMUNE = ", xã/phường bạn chọn ({commune})"
