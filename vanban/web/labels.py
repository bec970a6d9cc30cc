"""The interface's words: Vietnamese by default (the users' language), English by `?lang=en`."""

from __future__ import annotations

LANGS = ("vi", "en")

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "app": "Tra cứu văn bản", "search": "Tìm kiếm", "query": "Số hiệu hoặc từ khóa",
        "query_hint": "Ví dụ: CT 33, 33/CT-TTg 2021, Nghị quyết 25, dân vận khéo",
        "province": "Tỉnh, thành phố", "kind": "Loại văn bản", "year": "Năm", "any": "Tất cả",
        "results": "Kết quả", "no_results": "Không tìm thấy văn bản nào.",
        "number": "Số hiệu", "date": "Ngày ban hành", "issuer": "Cơ quan ban hành",
        "title": "Trích yếu", "locality": "Địa phương", "signer": "Người ký",
        "first_seen": "Thấy lần đầu", "key": "Mã trong dữ liệu", "provisional": "tạm (chưa rõ ngày)",
        "facts": "Thông tin văn bản", "sources": "Trang nguồn",
        "implementers": "Văn bản triển khai thực hiện", "depth": "Cấp",
        "via": "qua", "evidence": "Căn cứ trích dẫn",
        "ancestors": "Văn bản này thực hiện / căn cứ",
        "cites": "Văn bản này viện dẫn", "cited_by": "Được viện dẫn bởi",
        "unresolved": "Tham chiếu chưa xác định có thể chỉ văn bản này",
        "candidates": "Các văn bản có thể", "picture": "Sơ đồ quan hệ lân cận",
        "picture_missing": "Không vẽ được sơ đồ (cần chương trình dot của Graphviz).",
        "export": "Tải về", "none": "Không có.",
        "shown": "Đang xem {first}–{last} trong số {n}.", "next_page": "Xem tiếp",
        "prev_page": "Trang trước", "all_depths": "Xem mọi cấp",
        "more_relations": "+ {n} quan hệ khác", "provinces": "Các tỉnh, thành phố",
        "documents_in": "{n} văn bản trong dữ liệu.",
        "search_in": "Tìm trong tỉnh này", "most_implemented": "Văn bản được triển khai nhiều nhất",
        "implemented_by": "{n} văn bản triển khai", "by_kind": "Theo loại văn bản",
        "by_year": "Theo năm", "coverage_link": "Xem mức độ triển khai ở 34 tỉnh, thành phố",
        "coverage": "Mức độ triển khai theo tỉnh", "covered": "Đã có văn bản",
        "missing": "Chưa có văn bản trong dữ liệu", "first": "Văn bản đầu tiên",
        "delay": "Số ngày sau văn bản gốc", "count": "Số văn bản",
        "predecessors": "Gồm các tỉnh cũ", "yes": "Có", "no": "Chưa",
        "covered_of": "{n}/34 tỉnh, thành phố có văn bản triển khai",
        "legal_basis": "Danh sách 34 tỉnh, thành phố theo {basis}.",
        "not_found": "Không tìm thấy văn bản",
        "not_found_text": "Không có văn bản nào với mã này trong dữ liệu.", "unavailable": "Kho dữ liệu không phản hồi",
        "unavailable_text": "Kho dữ liệu tạm thời không trả lời. Vui lòng thử lại sau.",
        "error": "Đã có lỗi", "error_text": "Không xử lý được yêu cầu này.",
        "other_lang": "English", "relation": "Quan hệ", "document": "Văn bản",
        "central": "Văn bản gốc", "needs_query": "Nhập số hiệu văn bản.",
        "IMPLEMENTS": "thực hiện", "BASED_ON": "căn cứ", "GUIDES": "hướng dẫn",
        "AMENDS": "sửa đổi", "REPLACES": "thay thế", "REPEALS": "bãi bỏ", "CITES": "viện dẫn",
    },
    "en": {
        "app": "Document lineage", "search": "Search", "query": "Number or words",
        "query_hint": "For example: CT 33, 33/CT-TTg 2021, Nghị quyết 25, dân vận khéo",
        "province": "Province", "kind": "Kind", "year": "Year", "any": "Any",
        "results": "Results", "no_results": "No document found.",
        "number": "Number", "date": "Date", "issuer": "Issuer", "title": "Title",
        "locality": "Locality", "signer": "Signer", "first_seen": "First seen", "key": "Key in the store",
        "provisional": "provisional (date unknown)", "facts": "Facts",
        "sources": "Source pages", "implementers": "Implemented by", "depth": "Depth",
        "via": "via", "evidence": "Evidence", "ancestors": "It implements / is based on",
        "cites": "It cites", "cited_by": "Cited by",
        "unresolved": "Unresolved references that may mean it",
        "candidates": "Candidates", "picture": "Neighbourhood",
        "picture_missing": "No picture (Graphviz's dot program is needed).",
        "export": "Export", "none": "None.",
        "shown": "Showing {first}–{last} of {n}.", "next_page": "Next",
        "prev_page": "Previous", "all_depths": "All depths",
        "more_relations": "+ {n} more relations", "provinces": "Provinces",
        "documents_in": "{n} documents in the store.",
        "search_in": "Search in this province", "most_implemented": "Most implemented documents",
        "implemented_by": "implemented by {n}", "by_kind": "By kind", "by_year": "By year",
        "coverage_link": "See its coverage in the 34 provinces",
        "coverage": "Coverage by province", "covered": "Has a document",
        "missing": "No document in the store", "first": "First document",
        "delay": "Days after the central document", "count": "Documents",
        "predecessors": "Former provinces", "yes": "Yes", "no": "No",
        "covered_of": "{n} of 34 provinces have an implementing document",
        "legal_basis": "The 34 provinces as set by {basis}.",
        "not_found": "No such document",
        "not_found_text": "The store holds no document with this key.", "unavailable": "The store is not answering",
        "unavailable_text": "The store is not answering just now. Please try again later.",
        "error": "Something went wrong", "error_text": "This request could not be answered.",
        "other_lang": "Tiếng Việt", "relation": "Relation", "document": "Document",
        "central": "Central document", "needs_query": "Type a document number.",
        "IMPLEMENTS": "implements", "BASED_ON": "based on", "GUIDES": "guides",
        "AMENDS": "amends", "REPLACES": "replaces", "REPEALS": "repeals", "CITES": "cites",
    },
}

def kinds() -> list[tuple[str, str]]:
    """(code, the kind's word) for the kind filter, in the grammar's order."""
    from extract.grammar import KIND_WORDS
    return [(code, words[0] if words else code) for code, words in KIND_WORDS.items()]


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["vi"])
