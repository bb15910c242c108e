"""A small plan, valid against plan.schema.json, with its schedule by quarter."""

from __future__ import annotations

PLAN = {
    "kind": "plan",
    "issuer": {"parent": None, "name": ["UỶ BAN NHÂN DÂN", "TỈNH BẮC GIANG"], "code": "UBND"},
    "number": None,
    "symbol": "KH-UBND",
    "place": "Bắc Giang",
    "date": {"year": 2023, "month": 3},
    "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Mai Sơn"},
    "recipients": ["Các Sở, cơ quan thuộc UBND tỉnh;"],
    "subject": ["Kiểm tra thực hiện nhiệm vụ Cải cách hành chính nhà nước,",
                "thực hiện ISO, chuyển đổi số năm 2023"],
    "purposes": ["Đánh giá kết quả."],
    "requirements": ["Đúng trọng tâm."],
    "contents": ["Kiểm tra công tác cải cách hành chính."],
    "schedule": [
        {"quarter": "II", "groups": [
            {"label": "các Sở", "units": [
                {"name": "Sở Xây dựng", "short": "Xây dựng", "level": "sở, ngành"},
                {"name": "Sở Lao động - Thương binh và Xã hội",
                 "short": "Lao động – Thương binh và Xã hội", "level": "sở, ngành"},
            ]},
        ]},
        {"quarter": "III", "groups": [
            {"label": "UBND các huyện", "units": [
                {"name": "UBND huyện Tân Yên", "short": "Tân Yên", "level": "huyện"},
                "Sở Tư pháp",
            ]},
        ]},
    ],
    "team": ["Sở Nội vụ"],
    "tasks": ["Chuẩn bị báo cáo."],
}
