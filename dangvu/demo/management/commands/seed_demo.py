import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dangvu.demo.admissions import seed_admissions
from dangvu.demo.awards import seed_awards
from dangvu.demo.discipline import seed_discipline
from dangvu.demo.dues import seed_dues
from dangvu.demo.evaluations import seed_evaluations
from dangvu.demo.imports import seed_imports
from dangvu.demo.inspection import seed_inspection
from dangvu.demo.meetings import seed_meetings
from dangvu.demo.members import DEFAULT_MEMBERS, seed_members
from dangvu.demo.organizations import DEFAULT_SEED, build_demo
from dangvu.demo.residence import seed_residence
from dangvu.demo.study import seed_study
from dangvu.demo.targets import seed_targets
from dangvu.demo.todo import seed_todo
from dangvu.demo.training import seed_training
from dangvu.demo.transfers import seed_transfers
from dangvu.organizations.models import Organization
from dangvu.statistics import summaries


class Command(BaseCommand):
    help = ("Tạo dữ liệu mẫu: Đảng bộ tỉnh Thanh Hóa với thị xã Sơn Hà và huyện Đông Hà (2020–nay, gồm sắp xếp "
            "1/7/2025) và các tài khoản dùng thử. Chỉ chạy trên cơ sở dữ liệu chưa có tổ chức nào.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED})")
        parser.add_argument("--if-empty", action="store_true", help="bỏ qua, không báo lỗi, nếu đã có dữ liệu")
        parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS,
                            help=f"số đảng viên mẫu xếp vào các chi bộ (mặc định {DEFAULT_MEMBERS}; 0: không tạo)")
        parser.add_argument("--register-only", action="store_true",
                            help="chỉ tổ chức và sổ đảng viên, không tạo hồ sơ kết nạp, giấy chuyển sinh hoạt, huy hiệu, "
                                 "liên hệ nơi cư trú")

    def handle(self, *args, seed, if_empty, members, register_only=False, **options):
        if Organization.objects.exists():
            if if_empty:
                self.stdout.write("Dữ liệu mẫu đã có, bỏ qua.")
                return
            raise CommandError("Cơ sở dữ liệu đã có tổ chức đảng: không tạo dữ liệu mẫu chồng lên dữ liệu đang có. "
                               "Dùng một cơ sở dữ liệu trống (manage.py migrate trên tệp mới), hoặc --if-empty để bỏ qua.")
        self.stdout.write(f"Đang tạo dữ liệu mẫu (seed {seed})…")
        started = time.monotonic()
        with transaction.atomic():
            result = build_demo(seed, log=self.stdout.write)
            register = seed_members(random.Random(seed), max(members, 0), log=self.stdout.write)
            if members > 0 and not register_only:
                # The lifecycle on top of the register: candidates and probations, letters of transfer,
                # badges and cards. Each has its own random stream, so adding one leaves the others alone.
                seed_admissions(random.Random(seed + 1), log=self.stdout.write)
                seed_training(random.Random(seed + 6), log=self.stdout.write)
                seed_transfers(random.Random(seed + 2), log=self.stdout.write)
                seed_awards(random.Random(seed + 3), log=self.stdout.write)
                seed_residence(random.Random(seed + 4), log=self.stdout.write)
                seed_meetings(random.Random(seed + 5), log=self.stdout.write)
                seed_study(random.Random(seed + 6), log=self.stdout.write)
                seed_evaluations(random.Random(seed + 5), log=self.stdout.write)
                dues = seed_dues(random.Random(seed + 5), log=self.stdout.write)
                seed_inspection(log=self.stdout.write)
                seed_discipline(random.Random(seed + 6), log=self.stdout.write)
                seed_targets(log=self.stdout.write)
                seed_imports(log=self.stdout.write)
                seed_todo(log=self.stdout.write)
        # Last: the summary of the stock figures for today, yesterday and the two last 31/12 (dangvu.statistics.summaries).
        summary = summaries.refresh(summaries.default_days())
        self.stdout.write(f"Tổng hợp số liệu thống kê: {summary.rows} dòng cho {len(summary.days)} ngày.")
        extra_lines = dues.summary_lines() if members > 0 and not register_only else []
        for line in result.summary_lines() + [line for line in register.summary_lines() if line] + extra_lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Xong trong {time.monotonic() - started:.1f} giây."))
