# Điểm tin khoa học công nghệ: các lệnh cho biên tập viên và nhà phát triển.
# Lần đầu chạy, Makefile tự tạo môi trường Python riêng (.venv) và cài đặt mọi thứ cần thiết.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.cai-dat-xong
N      ?=
YEAR   ?=
CONFIG ?= sources.yaml
SOURCES ?= $(CONFIG)
ALLOW_PRIVATE ?=
NO_ARTICLES ?=
DRY_RUN ?=
TARGET ?=
METHOD ?=
TO ?=
RETRY_UNKNOWN ?=
PORT ?=
OPEN ?=
FORCE ?=

# Variables an editor may set; `make help` lists these "#:" lines.
#: N=17                số bản tin (issue, check, collect, add)
#: URL="https://… …"   make add thêm tin từ các địa chỉ bài viết này (cách nhau bằng dấu cách)
#: FORCE=1             make add thêm cả tin mà biên tập viên đã loại trước đó
#: YEAR=2026           năm của số bản tin, khi cùng số N có ở nhiều năm (mặc định: năm mới nhất)
#: CONFIG=tệp.yaml     cấu hình bản tin (mặc định: sources.yaml), ví dụ CONFIG=examples/dien-bien/sources.yaml
#: SOURCES=tệp.yaml    make collect/sources/add đọc danh sách nguồn từ tệp này (mặc định: tệp CONFIG)
#: ALLOW_PRIVATE=1     make collect/sources được đọc nguồn ở mạng nội bộ: 1/yes/true cho mọi địa chỉ nội bộ,
#:                     hoặc chỉ các máy/mạng liệt kê (ALLOW_PRIVATE=10.1.2.3,192.168.5.0/24); mặc định: bị chặn
#: NO_ARTICLES=1       make collect chỉ đọc feed, không mở bài viết gốc để soạn sẵn nội dung, ảnh và tóm tắt
#: DRY_RUN=1           make publish chỉ liệt kê các tệp sẽ thêm, sửa, xóa; make trend chỉ in bản nháp
#: TARGET=…            make publish/rollback dùng nơi đến này thay cho publish.target
#: METHOD=local|rsync  make publish/rollback dùng cách này thay cho publish.method
#: DRY_RUN=1           make send không gửi, chỉ ghi thư của từng người vào build/thu-xem-truoc/
#: TO=địa-chỉ          make send chỉ gửi một thư thử tới địa chỉ này
#: RETRY_UNKNOWN=1     make send gửi lại cho người mà lần trước bị dừng đúng lúc đang gửi
#: PORT=8017           make preview dùng cổng này (mặc định: 8000 + N)
#: OPEN=1              make preview tự mở trình duyệt

# A switch is on only when set to 1, yes or true (ALLOW_PRIVATE=0 leaves it off).
on = $(filter 1 yes true,$(1))
YEAR_ARG := $(if $(YEAR),--year $(YEAR))
CONFIG_ARG := --config "$(CONFIG)"
PUBLISH_ARGS := $(if $(TARGET),--target "$(TARGET)") $(if $(METHOD),--method $(METHOD))
# After a command has printed its Vietnamese error, stop make quietly with the command's own status: for status 1,
# tools/stop-make ends make without its English "make: *** [Makefile:NN: issue] Error 1" line (make exits 1).
OR_STOP := || tools/stop-make $$PPID $$?
# The same after the Makefile's own Vietnamese error: `|| { echo "Lỗi: …" >&2; $(STOP); }`
STOP := tools/stop-make $$PPID 1
SYSTEM_DEPS := tools/system-deps

.DEFAULT_GOAL := help
.PHONY: help init issue check preview collect add sources trend site publish rollback email send test bench deps catalog clean

help: ## Liệt kê các lệnh
	@echo "Các lệnh (ví dụ: make issue N=16):"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## (.*)/  make \1\t\2/' | expand -t 24
	@echo "Các biến (ví dụ: make collect N=17 SOURCES=nguon-thu.yaml ALLOW_PRIVATE=1):"
	@sed -n 's/^#: /  /p' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@echo "Đang chuẩn bị môi trường Python (chỉ lần đầu)…"
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Lỗi: cần Python 3.11 trở lên" >&2; $(STOP); }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) $(OR_STOP)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' $(OR_STOP)
	@touch $@

define need_n
	@test -n "$(N)" || { echo "Lỗi: hãy cho biết số bản tin, ví dụ: make $@ N=16" >&2; $(STOP); }
endef

init: $(STAMP) ## Bắt đầu bản tin cho một Sở mới: hỏi vài câu, tạo cấu hình và số 1 (make init CONFIG=so-moi/sources.yaml)
	@$(BIN)/bulletin init $(CONFIG_ARG) $(OR_STOP)

issue: $(STAMP) ## Tạo bản PDF, Word và HTML của số N vào build/ (make issue N=16 [YEAR=2026])
	$(need_n)
	@$(SYSTEM_DEPS) build $(OR_STOP)
	@$(BIN)/bulletin issue $(N) $(YEAR_ARG) $(CONFIG_ARG) $(OR_STOP)

check: $(STAMP) ## Kiểm tra tệp của số N mà không tạo bản nào (make check N=17)
	$(need_n)
	@$(BIN)/bulletin check $(N) $(YEAR_ARG) $(CONFIG_ARG) $(OR_STOP)

preview: $(STAMP) ## Xem trước số N trong trình duyệt, tự cập nhật khi lưu tệp (make preview N=17 [PORT=…] [OPEN=1])
	$(need_n)
	@$(SYSTEM_DEPS) build $(OR_STOP)
	@$(BIN)/bulletin preview $(N) $(YEAR_ARG) $(CONFIG_ARG) $(if $(PORT),--port $(PORT)) $(if $(call on,$(OPEN)),--open) $(OR_STOP)

# --allow-private gets the value itself: the CLI turns on only 1/yes/true, or allows the hosts/networks listed.
FETCH_ARGS := --sources "$(SOURCES)" $(if $(ALLOW_PRIVATE),--allow-private "$(ALLOW_PRIVATE)")

collect: $(STAMP) ## Thu thập tin mới vào tệp của số N (make collect N=17 [SOURCES=…] [ALLOW_PRIVATE=…])
	$(need_n)
	@$(BIN)/bulletin collect $(N) $(YEAR_ARG) $(CONFIG_ARG) $(FETCH_ARGS) $(if $(call on,$(NO_ARTICLES)),--no-articles) $(OR_STOP)

add: $(STAMP) ## Thêm tin từ địa chỉ bài viết vào số N (make add N=17 URL="https://… https://…" [ALLOW_PRIVATE=…] [FORCE=1])
	$(need_n)
	@test -n "$(strip $(URL))" || { echo 'Lỗi: hãy cho biết địa chỉ bài viết, ví dụ: make add N=17 URL=https://…' >&2; $(STOP); }
	@$(BIN)/bulletin add $(N) $(foreach u,$(URL),'$(subst ','\'',$(u))') $(YEAR_ARG) $(CONFIG_ARG) $(FETCH_ARGS) \
		$(if $(call on,$(FORCE)),--force) $(OR_STOP)

sources: $(STAMP) ## Kiểm tra ngay từng nguồn tin khi một nguồn im lặng ([SOURCES=…] [ALLOW_PRIVATE=…])
	@$(BIN)/bulletin sources $(CONFIG_ARG) $(FETCH_ARGS) $(OR_STOP)

trend: $(STAMP) ## Soạn bản nháp Phần 1 "Tổng kết xu hướng" cho số N và in số liệu chủ đề (make trend N=17)
	$(need_n)
	@$(BIN)/bulletin trend $(N) $(YEAR_ARG) $(CONFIG_ARG) $(if $(call on,$(DRY_RUN)),--dry-run) $(OR_STOP)

site: $(STAMP) ## Tạo trang lưu trữ mọi số bản tin trong build/site/
	@$(SYSTEM_DEPS) build $(OR_STOP)
	@$(BIN)/bulletin site $(CONFIG_ARG) $(OR_STOP)

publish: $(STAMP) ## Đưa trang lưu trữ lên máy chủ (DRY_RUN=1 để xem trước, TARGET=… để đổi nơi đến)
	@$(SYSTEM_DEPS) publish $(OR_STOP)
	@$(BIN)/bulletin publish $(CONFIG_ARG) $(if $(call on,$(DRY_RUN)),--dry-run) $(PUBLISH_ARGS) $(OR_STOP)

rollback: $(STAMP) ## Khôi phục bản trang web đã xuất bản trước đó (TARGET=… như khi xuất bản)
	@$(SYSTEM_DEPS) publish $(OR_STOP)
	@$(BIN)/bulletin rollback $(CONFIG_ARG) $(PUBLISH_ARGS) $(OR_STOP)

email: $(STAMP) ## Tạo bản thư điện tử của số N (.eml và HTML) trong build/ (make email N=17)
	$(need_n)
	@$(BIN)/bulletin email $(N) $(YEAR_ARG) $(CONFIG_ARG) $(OR_STOP)

send: $(STAMP) ## Gửi số N tới người trong subscribers.csv (DRY_RUN=1 để thử, TO=địa-chỉ để gửi một thư thử)
	$(need_n)
	@$(BIN)/bulletin send $(N) $(YEAR_ARG) $(CONFIG_ARG) $(if $(call on,$(DRY_RUN)),--dry-run) $(if $(TO),--to "$(TO)") \
		$(if $(call on,$(RETRY_UNKNOWN)),--retry-unknown) $(OR_STOP)

deps: $(STAMP) ## Cài (hoặc chỉ ra cách cài) các thư viện hệ thống để tạo bản PDF
	@$(SYSTEM_DEPS) build $(OR_STOP)
	@$(BIN)/python -m bulletin.deps $(OR_STOP)

test: $(STAMP) ## Chạy bộ kiểm thử: phần nhanh, rồi phần chậm (LibreOffice, Chromium)
	@$(SYSTEM_DEPS) test $(OR_STOP)
	@$(BIN)/python -m pytest -q -m "not slow" --durations=10 $(OR_STOP)
	@$(BIN)/python -m pytest -q -m slow --durations=5 $(OR_STOP)

bench: $(STAMP) ## Đo tốc độ và dung lượng, ghi bench/results.json (BENCH_RUNS=5)
	@$(SYSTEM_DEPS) build $(OR_STOP)
	@$(SYSTEM_DEPS) bench || echo "Cảnh báo: không có pandoc hoặc Chromium; các dòng cần chúng sẽ ghi rõ điều đó."
	@$(BIN)/python -m bench $(OR_STOP)

catalog: $(STAMP) # Developers: compile bulletin/locale/*/LC_MESSAGES/*.po after editing it
	@for po in bulletin/locale/*/LC_MESSAGES/*.po; do \
		$(BIN)/python -c 'import polib, sys; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])' "$$po" "$${po%.po}.mo"; done

clean: ## Xóa thư mục build/
	rm -rf build
