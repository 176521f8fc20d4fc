# Điểm tin khoa học công nghệ: các lệnh cho biên tập viên và nhà phát triển.
# Lần đầu chạy, Makefile tự tạo môi trường Python riêng (.venv) và cài đặt mọi thứ cần thiết.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.cai-dat-xong
N      ?=
YEAR   ?=
SOURCES ?= sources.yaml
ALLOW_PRIVATE ?=
DRY_RUN ?=
TARGET ?=
METHOD ?=

NAM_ARG := $(if $(YEAR),--nam $(YEAR))
PUBLISH_ARGS := $(if $(TARGET),--dich "$(TARGET)") $(if $(METHOD),--cach $(METHOD))

.DEFAULT_GOAL := help
.PHONY: help issue check collect site publish rollback test bench deps clean

help: ## Liệt kê các lệnh
	@echo "Các lệnh (ví dụ: make issue N=16):"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## (.*)/  make \1\t\2/' | expand -t 24

$(STAMP): pyproject.toml
	@echo "Đang chuẩn bị môi trường Python (chỉ lần đầu)…"
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Lỗi: cần Python 3.11 trở lên"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

define need_n
	@test -n "$(N)" || { echo "Lỗi: hãy cho biết số bản tin, ví dụ: make $@ N=16"; exit 2; }
endef

issue: $(STAMP) ## Tạo bản PDF, Word và HTML của số N vào build/ (make issue N=16 [YEAR=2026])
	$(need_n)
	@$(BIN)/bulletin issue $(N) $(NAM_ARG)

check: $(STAMP) ## Kiểm tra tệp của số N mà không tạo bản nào (make check N=17)
	$(need_n)
	@$(BIN)/bulletin check $(N) $(NAM_ARG)

collect: $(STAMP) ## Thu thập tin mới từ các nguồn vào tệp của số N (make collect N=17)
	$(need_n)
	@$(BIN)/bulletin collect $(N) $(NAM_ARG) --nguon $(SOURCES) $(if $(ALLOW_PRIVATE),--allow-private-hosts)

site: $(STAMP) ## Tạo trang lưu trữ mọi số bản tin trong build/site/
	@$(BIN)/bulletin site

publish: $(STAMP) ## Đưa trang lưu trữ lên máy chủ (DRY_RUN=1 để xem trước, TARGET=… để đổi nơi đến)
	@$(BIN)/bulletin publish $(if $(DRY_RUN),--xem-truoc) $(PUBLISH_ARGS)

rollback: $(STAMP) ## Khôi phục bản trang web đã xuất bản trước đó (TARGET=… như khi xuất bản)
	@$(BIN)/bulletin rollback $(PUBLISH_ARGS)

deps: $(STAMP) ## Kiểm tra các thư viện hệ thống cần thiết
	@$(BIN)/python -m bulletin.deps

test: $(STAMP) ## Chạy bộ kiểm thử
	@$(BIN)/python -m pytest -q

bench: $(STAMP) ## Đo tốc độ và dung lượng, ghi bench/results.json (BENCH_RUNS=5)
	@command -v pandoc >/dev/null || { echo "Đang cài pandoc (để so sánh)…"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo -n); export DEBIAN_FRONTEND=noninteractive; \
		{ $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends pandoc >/dev/null; } \
		|| echo "Cảnh báo: không cài được pandoc; các dòng so sánh với pandoc sẽ ghi rõ điều đó."; }
	@$(BIN)/python -m bench

clean: ## Xóa thư mục build/
	rm -rf build
