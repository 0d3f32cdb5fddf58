"""Đảng Vụ: party-building work of Communist Party of Vietnam organizations."""
