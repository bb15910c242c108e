"""Wording pools of the tuned half: units, heading wordings, sentences, indicator names.

The sealed half draws from `sealed/words.py` instead (same shape, other words), so a fix
that only learns these strings does not carry over.
"""

PROVINCE = "Bắc Giang"
PARENTS = ["UBND TỈNH BẮC GIANG", "UỶ BAN NHÂN DÂN TỈNH BẮC GIANG",
           "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"]

# (printed name lines, symbol, place) for departments
DEPARTMENTS = [
    (["SỞ XÂY DỰNG"], "SXD", "Bắc Giang"),
    (["SỞ TÀI CHÍNH"], "STC", "Bắc Giang"),
    (["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"], "SLĐTBXH", "Bắc Giang"),
    (["SỞ TƯ PHÁP"], "STP", "Bắc Giang"),
    (["SỞ CÔNG THƯƠNG"], "SCT", "Bắc Giang"),
    (["SỞ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"], "SNN", "Bắc Giang"),
    (["SỞ KHOA HỌC VÀ CÔNG NGHỆ"], "SKHCN", "Bắc Giang"),
    (["SỞ NGOẠI VỤ"], "SNgV", "Bắc Giang"),
]
# district name, communes
DISTRICTS = [
    ("Tân Yên", ["Cao Xá", "Ngọc Thiện", "Liên Sơn", "Phúc Hòa"]),
    ("Sơn Động", ["An Lập", "Vĩnh An", "Dương Hưu", "Yên Định"]),
    ("Lạng Giang", ["Tân Dĩnh", "Xương Lâm", "Hương Sơn", "Nghĩa Hòa"]),
    ("Hiệp Hòa", ["Đoan Bái", "Hương Lâm", "Mai Đình", "Châu Minh"]),
    ("Yên Thế", ["Đồng Tâm", "Tam Tiến", "Xuân Lương", "Bố Hạ"]),
]
DISTRICT_KIND = "HUYỆN"

TITLE_LINES = [
    ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ cải cách hành chính, thực hiện ISO,",
     "chuyển đổi số năm 2023"],
    ["BÁO CÁO", "Tự kiểm tra công tác cải cách hành chính, ISO và chuyển đổi số",
     "(Phục vụ Đoàn kiểm tra của Ban Chỉ đạo CCHC tỉnh)"],
    ["BÁO CÁO", "Kết quả công tác CCHC, ISO, CĐS năm 2023 theo Đề cương kiểm tra"],
]
INTROS = [
    "Thực hiện Kế hoạch số {plan}/KH-UBND ngày {pd} tháng 3 năm 2023 của Chủ tịch UBND tỉnh "
    "về kiểm tra thực hiện nhiệm vụ cải cách hành chính nhà nước, thực hiện ISO, chuyển đổi "
    "số năm 2023, {self} báo cáo kết quả như sau:",
    "Căn cứ Kế hoạch số {plan}/KH-UBND của Chủ tịch UBND tỉnh Bắc Giang, {self} báo cáo "
    "kết quả thực hiện theo Đề cương kiểm tra như sau:",
]

# heading wordings per outline key; {cap} variants are made by the writer
HEADINGS = {
    "1": ["Công tác chỉ đạo, điều hành", "Về công tác chỉ đạo, điều hành",
          "Công tác chỉ đạo, điều hành thực hiện nhiệm vụ CCHC"],
    "2": ["Cải cách thủ tục hành chính", "Về cải cách thủ tục hành chính",
          "Công tác cải cách thủ tục hành chính"],
    "3": ["Cải cách tổ chức bộ máy hành chính nhà nước", "Về cải cách tổ chức bộ máy",
          "Cải cách tổ chức bộ máy"],
    "4": ["Cải cách chế độ công vụ", "Về cải cách chế độ công vụ",
          "Cải cách chế độ công vụ, công chức"],
    "5": ["Xây dựng và phát triển Chính quyền điện tử, chính quyền số",
          "Về xây dựng, phát triển chính quyền điện tử, chính quyền số",
          "Xây dựng chính quyền điện tử, chính quyền số"],
    "5.1": ["Phát triển chính quyền số", "Về phát triển chính quyền số"],
    "5.2": ["Phát triển kinh tế số", "Về phát triển kinh tế số"],
    "5.3": ["Phát triển xã hội số", "Về phát triển xã hội số"],
    "5.4": ["An toàn, an ninh mạng", "Bảo đảm an toàn, an ninh mạng"],
    "5.5": ["Kết quả đầu tư cho chuyển đổi số", "Kinh phí đầu tư cho chuyển đổi số"],
    "5.6": ["Việc xây dựng, áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO",
            "Về xây dựng, áp dụng, duy trì Hệ thống quản lý chất lượng ISO 9001"],
    "6": ["Đánh giá tình hình và kết quả thực hiện các nhiệm vụ khác do Chủ tịch UBND tỉnh giao",
          "Kết quả thực hiện các nhiệm vụ khác được giao"],
    "7": ["Kiểm tra việc khắc phục những tồn tại, kiến nghị của đợt kiểm tra trước",
          "Việc khắc phục tồn tại, hạn chế qua kiểm tra năm trước"],
    "8": ["Đánh giá ưu điểm, tồn tại, hạn chế", "Đánh giá chung", "Ưu điểm, tồn tại, hạn chế"],
    "9": ["Đề xuất, kiến nghị", "Kiến nghị, đề xuất"],
}
WRAPPERS = [
    ("KẾT QUẢ THỰC HIỆN", "ĐÁNH GIÁ CHUNG", "ĐỀ XUẤT, KIẾN NGHỊ"),
    ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "ĐÁNH GIÁ ƯU ĐIỂM, TỒN TẠI, HẠN CHẾ", "KIẾN NGHỊ, ĐỀ XUẤT"),
]
SUBHEAD_8 = [("Ưu điểm", "Tồn tại, hạn chế"), ("Những kết quả đạt được", "Hạn chế và nguyên nhân")]

SENTENCES = {
    "1": [
        "Ban hành Kế hoạch số {n}/KH-{sym} ngày {d} về cải cách hành chính năm 2023, xác định "
        "{k} nhiệm vụ trọng tâm, phân công rõ trách nhiệm từng phòng, bộ phận.",
        "Kế hoạch tuyên truyền CCHC được ban hành kịp thời; đã đăng tải {k} tin, bài trên trang "
        "thông tin điện tử của đơn vị.",
        "Người đứng đầu trực tiếp chỉ đạo công tác CCHC, ISO, CĐS; bố trí {k} công chức kiêm "
        "nhiệm theo dõi.",
        "Thực hiện nghiêm chế độ thông tin báo cáo định kỳ, báo cáo đúng thời hạn {k}/{k} báo cáo.",
        "Tổ chức tự kiểm tra công tác CCHC tại {k} đơn vị trực thuộc, qua kiểm tra đã chấn chỉnh "
        "kịp thời các tồn tại.",
        "Bố trí kinh phí thực hiện nhiệm vụ CCHC trong dự toán năm 2023 theo đúng quy định.",
    ],
    "2": [
        "Đã rà soát {k} thủ tục hành chính thuộc thẩm quyền, đề xuất đơn giản hóa {m} thủ tục.",
        "Công khai đầy đủ {n} TTHC tại Bộ phận một cửa và trên Cổng dịch vụ công của tỉnh.",
        "Trong kỳ không nhận được phản ánh, kiến nghị của tổ chức, cá nhân về quy định hành chính.",
        "Bộ phận một cửa bố trí {k} công chức, trang thiết bị cơ bản đáp ứng yêu cầu.",
        "Việc số hóa hồ sơ, kết quả giải quyết TTHC được thực hiện thường xuyên.",
        "Quy trình nội bộ giải quyết TTHC được xây dựng và cập nhật trên phần mềm một cửa điện tử.",
    ],
    "3": [
        "Rà soát chức năng, nhiệm vụ của {k} phòng chuyên môn và đơn vị trực thuộc.",
        "Số lượng cấp phó của các tổ chức bên trong bảo đảm đúng quy định.",
        "Tình hình sử dụng biên chế được giao: {n} biên chế, đã sử dụng {m}.",
        "Tiếp tục sắp xếp đơn vị sự nghiệp công lập theo Nghị quyết số 19-NQ/TW.",
    ],
    "4": [
        "Cập nhật thông tin của {k} công chức, viên chức trên phần mềm quản lý cán bộ.",
        "Thực hiện đúng Đề án vị trí việc làm đã được phê duyệt.",
        "Cử {k} lượt công chức tham gia các lớp đào tạo, bồi dưỡng.",
        "Duy trì kỷ luật, kỷ cương hành chính, văn hóa công sở; không có trường hợp vi phạm.",
        "Thực hiện chuyển đổi vị trí công tác đối với {m} công chức theo kế hoạch.",
    ],
    "5": [
        "Đơn vị tiếp tục triển khai các nhiệm vụ chuyển đổi số theo Nghị quyết số 111-NQ/TU.",
        "Các nền tảng số dùng chung của tỉnh được khai thác, sử dụng hiệu quả.",
    ],
    "5.1": [
        "Hệ thống quản lý văn bản và điều hành được sử dụng thống nhất, chữ ký số được áp dụng "
        "cho 100% lãnh đạo.",
    ],
    "5.2": ["Phối hợp triển khai các giải pháp thúc đẩy thanh toán không dùng tiền mặt."],
    "5.3": ["Tuyên truyền người dân cài đặt, kích hoạt tài khoản định danh điện tử."],
    "5.4": ["Không để xảy ra sự cố mất an toàn thông tin trong kỳ."],
    "5.5": [],
    "5.6": [
        "Duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015; phạm vi áp "
        "dụng bao gồm toàn bộ TTHC thuộc thẩm quyền.",
        "Thực hiện đánh giá nội bộ và họp xem xét của lãnh đạo theo quy định.",
        "Công bố lại Hệ thống quản lý chất lượng khi có thay đổi văn bản pháp luật.",
        "Tự chấm điểm theo Quyết định số 2532/QĐ-UBND đạt {k} điểm.",
    ],
    "6": [
        "Hoàn thành {k}/{m} nhiệm vụ được giao trong Kế hoạch CCHC năm 2023.",
        "Các nhiệm vụ còn lại đang triển khai đảm bảo tiến độ.",
    ],
    "7": [
        "Đã khắc phục {k}/{m} tồn tại theo Thông báo kết luận kiểm tra năm 2022.",
        "Ban hành văn bản chấn chỉnh việc cập nhật hồ sơ trên phần mềm một cửa.",
    ],
    "8": [
        "Công tác CCHC được quan tâm chỉ đạo, đạt nhiều kết quả tích cực.",
        "Tỷ lệ hồ sơ giải quyết đúng hạn cao, người dân hài lòng.",
        "Một số chỉ tiêu chuyển đổi số chưa đạt kế hoạch; hạ tầng công nghệ còn hạn chế.",
        "Nguyên nhân: nguồn lực còn thiếu, công chức kiêm nhiệm nhiều việc.",
    ],
    "9": [
        "Đề nghị UBND tỉnh tiếp tục bố trí kinh phí cho chuyển đổi số.",
        "Đề nghị Sở Thông tin và Truyền thông nâng cấp đường truyền, phần mềm một cửa.",
        "Đề nghị tổ chức tập huấn nghiệp vụ cho công chức Bộ phận một cửa.",
    ],
}
SECTION_5_1_EXTRA = "Kết quả các chỉ tiêu cụ thể như sau:"

# indicator id -> name variants (outline wording, shortened, paraphrased) and noun for counts
INDICATORS = {
    "dvc_online_generating_ratio": (["Số dịch vụ công trực tuyến phát sinh hồ sơ trực tuyến/tổng "
                                     "số dịch vụ công trực tuyến phát sinh hồ sơ",
                                     "Tỷ lệ DVC trực tuyến phát sinh hồ sơ trực tuyến"], "DVC"),
    "records_fully_online_ratio": (["Số hồ sơ được xử lý hoàn toàn dưới dạng trực tuyến/tổng số "
                                    "hồ sơ giải quyết DVC trong năm",
                                    "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình"], "hồ sơ"),
    "full_process_dvc_ratio": (["Số dịch vụ công trực tuyến toàn trình đang cung cấp/tổng số "
                                "dịch vụ công trực tuyến đủ điều kiện lên toàn trình",
                                "DVC trực tuyến toàn trình/tổng số DVC đủ điều kiện"], "DVC"),
    "online_payment_ratio": (["Số giao dịch thanh toán trực tuyến trên cổng dịch vụ công quốc "
                              "gia/tổng số giao dịch thanh toán",
                              "Tỷ lệ thanh toán trực tuyến"], "giao dịch"),
    "electronic_result_ratio": (["Tỷ lệ hồ sơ cấp kết quả điện tử"], "hồ sơ"),
    "digitized_result_ratio": (["Tỷ lệ TTHC số hoá kết quả giải quyết",
                                "Tỷ lệ số hóa kết quả giải quyết TTHC"], "TTHC"),
    "document_reuse_ratio": (["Tỷ lệ khai thác sử dụng lại tài liệu",
                              "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa"], "hồ sơ"),
    "electronic_documents_ratio": (["Tỷ lệ văn bản trao đổi giữa các CQNN dưới dạng điện tử",
                                    "Tỷ lệ văn bản điện tử gửi, nhận"], "văn bản"),
    "online_work_records_ratio": (["Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"],
                                  "hồ sơ"),
    "reporting_system_ratio": (["Số báo cáo, chỉ tiêu đã thực hiện trên hệ thống thông tin báo "
                                "cáo của tỉnh/tổng số phải thực hiện",
                                "Tỷ lệ báo cáo thực hiện trên Hệ thống thông tin báo cáo"],
                               "báo cáo"),
    "digital_inspection_ratio": (["Số hoạt động kiểm tra hành chính thực hiện thông qua môi "
                                  "trường số/tổng số hoạt động kiểm tra",
                                  "Tỷ lệ hoạt động kiểm tra thực hiện qua môi trường số"],
                                 "cuộc"),
    "commune_portal_ratio": (["Số UBND xã, thị trấn xây dựng Cổng TTĐT thành phần/tổng số UBND "
                              "xã, thị trấn", "Tỷ lệ UBND cấp xã có Cổng TTĐT thành phần"], "xã"),
    "digital_skills_training_ratio": (["Số CBCCVC được tập huấn, bồi dưỡng, phổ cập kỹ năng số cơ "
                                       "bản/tổng số CBCCVC",
                                       "Tỷ lệ CBCCVC được tập huấn, phổ cập kỹ năng số cơ bản"],
                                      "người"),
    "ecommerce_retail_share": (["Tỷ trọng thương mại điện tử trong tổng mức bán lẻ"], None),
    "e_invoice_ratio": (["Tỉ lệ doanh nghiệp, hộ kinh doanh áp dụng hóa đơn điện tử, nộp thuế "
                         "điện tử"], None),
    "ocop_ecommerce_ratio": (["Tỉ lệ sản phẩm OCOP tham gia các sàn thương mại điện tử"], None),
    "smartphone_ratio": (["Tỷ lệ thuê bao di động sử dụng điện thoại thông minh"], None),
    "fiber_household_ratio": (["Tỷ lệ hộ gia đình có Internet cáp quang băng rộng"], None),
    "eid_adult_ratio": (["Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử"], None),
    "infosec_level_approved_ratio": (["Số HTTT hoàn thành phê duyệt cấp độ an toàn/tổng số HTTT",
                                      "Tỷ lệ hệ thống thông tin được phê duyệt cấp độ"],
                                     "hệ thống"),
    "infosec_compliant_ratio": (["Số HTTT đáp ứng yêu cầu bảo vệ an toàn thông tin theo cấp độ/"
                                 "tổng số HTTT đã phê duyệt",
                                 "Tỷ lệ HTTT đáp ứng yêu cầu an toàn thông tin theo cấp độ"],
                                "hệ thống"),
}
BUDGET_LINES = ["Tổng dự toán được giao cho chuyển đổi số năm 2023: {v}",
                "Dự toán giao cho chuyển đổi số năm 2023 là {v}"]
SPENT_LINES = ["Tổng kinh phí đã thực hiện chi cho chuyển đổi số đến thời điểm báo cáo: {v}",
               "Kinh phí đã chi cho chuyển đổi số đến nay: {v}"]

FIELDS_DEPT = ["Hoạt động xây dựng", "Nhà ở", "Quy hoạch - kiến trúc", "Kinh doanh bất động sản",
               "Vật liệu xây dựng", "Việc làm", "Người có công", "Bảo trợ xã hội",
               "Lý lịch tư pháp", "Công chứng", "Lưu thông hàng hóa", "An toàn thực phẩm",
               "Thủy lợi", "Trồng trọt", "Chăn nuôi", "Khoa học công nghệ"]
FIELDS_DISTRICT = ["Đất đai", "Hộ tịch", "Chứng thực", "Đăng ký kinh doanh", "Xây dựng",
                   "Lao động - Thương binh và Xã hội", "Tài nguyên nước", "Giáo dục và Đào tạo",
                   "Văn hóa", "Y tế", "Nội vụ", "Tư pháp"]
GROUPS_LEVEL = [("I", "Cấp huyện"), ("II", "Cấp xã")]
GROUPS_FIELD = ["Lĩnh vực Đất đai", "Lĩnh vực Hộ tịch", "Lĩnh vực Xây dựng"]
SUBFIELDS = {"Lĩnh vực Đất đai": ["Đăng ký biến động", "Cấp giấy chứng nhận lần đầu",
                                  "Chuyển mục đích sử dụng đất"],
             "Lĩnh vực Hộ tịch": ["Đăng ký khai sinh", "Đăng ký kết hôn", "Trích lục hộ tịch"],
             "Lĩnh vực Xây dựng": ["Cấp giấy phép xây dựng", "Thẩm định thiết kế"]}
NOTES = ["Ghi chú: Số liệu tổng hợp từ Hệ thống thông tin giải quyết TTHC tỉnh.",
         "Số liệu tính đến ngày báo cáo."]
SIGNERS = [("GIÁM ĐỐC", "Nguyễn Văn Hùng"), ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Trần Thị Lan"),
           ("CHỦ TỊCH", "Lê Minh Tuấn"), ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Hoàng Văn Nam")]
STAMP_ORGS = ["SỞ NỘI VỤ TỈNH BẮC GIANG", "VĂN PHÒNG UBND TỈNH"]
COMMENTS = ["Đề nghị bổ sung số liệu", "Kiểm tra lại tỷ lệ", "Thống nhất nội dung này"]
