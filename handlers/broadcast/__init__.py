"""Announcements and broadcast (/thongbao, /tinhhinh): composing, audience, answers, status."""
