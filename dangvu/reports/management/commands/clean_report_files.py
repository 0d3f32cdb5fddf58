"""`manage.py clean_report_files`: the former name of `manage.py clean_job_files` (dangvu.jobs), which
deletes every finished background job (the year-end reports included) older than JOBS_RETENTION_DAYS."""

from dangvu.jobs.management.commands.clean_job_files import Command as CleanJobFiles


class Command(CleanJobFiles):
    help = "Tên cũ của `clean_job_files`: xóa các công việc nền (báo cáo năm…) đã xong quá số ngày lưu giữ."
